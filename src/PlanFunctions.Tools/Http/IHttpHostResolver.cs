using System.Net;

namespace PlanFunctions.Tools.Http;

/// <summary>
/// Resolves a host name to the addresses the <c>http</c> tool may connect to; the network rules are checked on
/// every address it returns. The default uses the system's DNS; register another to map names yourself.
/// </summary>
public interface IHttpHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; none, or a <see cref="System.Net.Sockets.SocketException"/>, when it has none.</summary>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
