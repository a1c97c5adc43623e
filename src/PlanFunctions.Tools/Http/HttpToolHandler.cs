using System.Net;
using System.Net.Sockets;

namespace PlanFunctions.Tools.Http;

/// <summary>
/// The <c>http</c> tool's connection handler: it resolves host names itself and connects only to addresses the
/// network rules allow, so a name that resolves (or rebinds) to a denied address is refused at connect time.
/// </summary>
internal static class HttpToolHandler
{
    /// <summary>A handler that checks every connection against <paramref name="rules"/>.</summary>
    /// <remarks>
    /// Redirects are not followed here: <see cref="HttpTool"/> follows them itself, checking each target. No proxy
    /// is used, since a proxy would make the connection's address the proxy's, not the target's.
    /// </remarks>
    public static SocketsHttpHandler Create(HttpNetworkRules rules, IHttpHostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(resolver);
        return new SocketsHttpHandler
        {
            // Cookies would otherwise be shared by every plan that uses the pooled handler.
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, rules, resolver, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint endPoint, HttpNetworkRules rules, IHttpHostResolver resolver, CancellationToken cancellationToken)
    {
        var host = HttpNetworkRules.NormalizeHost(endPoint.Host);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (rules.CheckAddresses(host, addresses) is { } refusal)
        {
            throw new HttpNetworkRuleException(refusal);
        }

        // Dual-mode where the system has IPv6, so both families of the checked addresses can be tried.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
