using System.Net;

namespace PlanFunctions.Tools.Http;

/// <summary>
/// Which hosts and addresses the <c>http</c> tool may reach: the built-in deny of link-local, cloud metadata and
/// unspecified addresses, then the operator's deny-lists, then the operator's allow-lists. Deny wins over allow.
/// </summary>
internal sealed class HttpNetworkRules
{
    /// <summary>
    /// Networks no setting can open: link-local (169.254.0.0/16 holds the metadata services of AWS, Azure, Google Cloud,
    /// Oracle, DigitalOcean, OpenStack, IBM Cloud and Tencent Cloud, and AWS ECS's task metadata), the clouds' platform and
    /// metadata addresses outside it, and unspecified addresses.
    /// </summary>
    public static readonly IReadOnlyList<(IPNetwork Network, string What)> BuiltInDeniedNetworks =
    [
        (IPNetwork.Parse("169.254.0.0/16"), "link-local and cloud metadata addresses"),
        (IPNetwork.Parse("fe80::/10"), "IPv6 link-local addresses"),
        (IPNetwork.Parse("168.63.129.16/32"), "Azure's platform address (WireServer)"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "the AWS metadata service's IPv6 address"),
        (IPNetwork.Parse("fd20:ce::254/128"), "the Google Cloud metadata service's IPv6 address"),
        (IPNetwork.Parse("100.100.100.200/32"), "the Alibaba Cloud metadata service"),
        (IPNetwork.Parse("192.0.0.192/32"), "the Oracle Cloud metadata service's legacy address"),
        (IPNetwork.Parse("64:ff9b::a9fe:0/112"), "link-local addresses reached through NAT64"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified addresses"),
        (IPNetwork.Parse("::/128"), "unspecified addresses"),
    ];

    private readonly string[] _allowedHosts;
    private readonly string[] _deniedHosts;
    private readonly IPNetwork[] _allowedNetworks;
    private readonly IPNetwork[] _deniedNetworks;

    public HttpNetworkRules(HttpToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowedHosts = [.. options.AllowedHosts.Select(NormalizeHost)];
        _deniedHosts = [.. options.DeniedHosts.Select(NormalizeHost)];
        _allowedNetworks = [.. ParseNetworks(options.AllowedNetworks)];
        _deniedNetworks = [.. ParseNetworks(options.DeniedNetworks)];
    }

    private bool HasAllowList => _allowedHosts.Length > 0 || _allowedNetworks.Length > 0;

    /// <summary>The host as rules compare it: lower case, without IPv6 brackets or a trailing dot.</summary>
    public static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Whether text is a host entry the rules understand: a name, <c>*.name</c> or an IP address.</summary>
    public static bool IsHostPattern(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var host = NormalizeHost(text);
        if (IPAddress.TryParse(host, out _))
        {
            return true;
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return Uri.CheckHostName(name) == UriHostNameType.Dns;
    }

    /// <summary>
    /// Why a request to <paramref name="host"/> is refused before it connects, or <see langword="null"/>: the host rules,
    /// and the address rules when the host is an IP address. A name's addresses are checked when it connects.
    /// </summary>
    public string? CheckHost(string host)
    {
        var name = NormalizeHost(host);
        if (IPAddress.TryParse(name, out var address))
        {
            return CheckAddresses(host, [address]);
        }

        if (Find(_deniedHosts, name) is { } denied)
        {
            return $"host '{name}' matches '{denied}' of the deny-list ({Setting(nameof(HttpToolOptions.DeniedHosts))})";
        }

        return HasAllowList && _allowedNetworks.Length == 0 && Find(_allowedHosts, name) is null ? NotAllowed(name) : null;
    }

    /// <summary>Why connecting to <paramref name="host"/> at <paramref name="addresses"/> is refused, or <see langword="null"/>; every address must pass.</summary>
    public string? CheckAddresses(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var name = NormalizeHost(host);
        var shown = IPAddress.TryParse(name, out _) ? name : $"host '{name}'";
        foreach (var raw in addresses)
        {
            var address = raw.IsIPv4MappedToIPv6 ? raw.MapToIPv4() : raw;
            foreach (var (network, what) in BuiltInDeniedNetworks)
            {
                if (network.Contains(address))
                {
                    return $"{Resolved(shown, name, address)} is in {network}, {what}, which are always denied";
                }
            }
        }

        if (Find(_deniedHosts, name) is { } deniedHost)
        {
            return $"{shown} matches '{deniedHost}' of the deny-list ({Setting(nameof(HttpToolOptions.DeniedHosts))})";
        }

        foreach (var raw in addresses)
        {
            var address = raw.IsIPv4MappedToIPv6 ? raw.MapToIPv4() : raw;
            foreach (var denied in _deniedNetworks)
            {
                if (denied.Contains(address))
                {
                    return $"{Resolved(shown, name, address)} is in {denied} of the deny-list ({Setting(nameof(HttpToolOptions.DeniedNetworks))})";
                }
            }
        }

        if (!HasAllowList || Find(_allowedHosts, name) is not null)
        {
            return null;
        }

        foreach (var raw in addresses)
        {
            var address = raw.IsIPv4MappedToIPv6 ? raw.MapToIPv4() : raw;
            if (!Array.Exists(_allowedNetworks, n => n.Contains(address)))
            {
                return NotAllowed(shown == name ? name : $"{name} ({address})");
            }
        }

        return null;
    }

    private static string Resolved(string shown, string name, IPAddress address) =>
        shown == name ? name : $"{shown}, which resolves to {address},";

    private static string NotAllowed(string what) =>
        $"{what} is not on the allow-list ({Setting(nameof(HttpToolOptions.AllowedHosts))}, {Setting(nameof(HttpToolOptions.AllowedNetworks))})";

    private static string Setting(string name) => $"{HttpToolOptions.SectionName}:{name}";

    /// <summary>The first entry that matches the host: the same name, or <c>*.parent</c> for a subdomain of parent.</summary>
    private static string? Find(string[] patterns, string host) => Array.Find(patterns, pattern =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.Ordinal)
            : host == pattern);

    private static IEnumerable<IPNetwork> ParseNetworks(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            if (IPNetwork.TryParse(text?.Trim(), out var network))
            {
                yield return network;
            }
        }
    }
}
