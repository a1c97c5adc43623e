using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PlanFunctions.Tools.Http;

namespace PlanFunctions.Tools.Tests.Http;

/// <summary>A hosts file for tests: names map to the addresses the test gives; any other name does not resolve.</summary>
internal sealed class MappedHostResolver(params (string Host, string Address)[] entries) : IHttpHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _hosts = new(
        entries.GroupBy(e => e.Host, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => IPAddress.Parse(e.Address)).ToArray(), StringComparer.OrdinalIgnoreCase),
        StringComparer.OrdinalIgnoreCase);

    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _hosts.TryGetValue(host, out var addresses)
            ? ValueTask.FromResult(addresses)
            : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
