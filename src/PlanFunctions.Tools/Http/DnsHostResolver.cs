using System.Net;

namespace PlanFunctions.Tools.Http;

/// <summary>Resolves host names with the system's DNS.</summary>
internal sealed class DnsHostResolver : IHttpHostResolver
{
    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
