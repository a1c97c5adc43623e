namespace PlanFunctions.Tools.Http;

/// <summary>Settings of the built-in <c>http</c> tool, bound from the <see cref="SectionName"/> configuration section.</summary>
/// <remarks>
/// Whatever these say, the tool never connects to link-local, cloud metadata or unspecified addresses
/// (169.254.0.0/16, fe80::/10, fd00:ec2::254, 100.100.100.200, 0.0.0.0/8, ::). A deny rule wins over an allow rule. Rules are checked on
/// the addresses a host name resolves to, when the connection is made, and again for every redirect.
/// </remarks>
public sealed class HttpToolOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "PlanFunctions:Tools:Http";

    /// <summary>The longest timeout a request may have, in seconds (seven days, the longest run).</summary>
    public const double MaxTimeoutSeconds = 604_800;

    /// <summary>The most redirects <see cref="MaxRedirects"/> may allow.</summary>
    public const int MaxRedirectsLimit = 50;

    /// <summary>The largest response body a request may return, in bytes; a larger one fails the step, not retryable. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The timeout of a request whose step sets no <c>timeoutSeconds</c>, in seconds. Default 100, as HttpClient's.</summary>
    public double DefaultTimeoutSeconds { get; set; } = 100;

    /// <summary>How many redirects one request follows before it fails, not retryable; 0 follows none. Default 10.</summary>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>
    /// When this or <see cref="AllowedNetworks"/> has an entry, only these hosts (and hosts whose addresses are all in
    /// <see cref="AllowedNetworks"/>) may be reached. An entry is a host name (<c>api.example.com</c>), a subdomain
    /// pattern (<c>*.example.com</c>, which does not match <c>example.com</c> itself) or an IP address.
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>Hosts that may never be reached, written as in <see cref="AllowedHosts"/>.</summary>
    public IList<string> DeniedHosts { get; } = new List<string>();

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) whose hosts may be reached; see <see cref="AllowedHosts"/>.</summary>
    public IList<string> AllowedNetworks { get; } = new List<string>();

    /// <summary>
    /// Networks in CIDR notation that may never be reached. Loopback is allowed unless listed here: add
    /// <c>127.0.0.0/8</c> and <c>::1/128</c> in production if plans must not reach the host itself.
    /// </summary>
    public IList<string> DeniedNetworks { get; } = new List<string>();
}
