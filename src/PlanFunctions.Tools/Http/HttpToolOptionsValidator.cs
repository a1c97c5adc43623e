using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Tools.Http;

/// <summary>Rejects <see cref="HttpToolOptions"/> that cannot work, naming the configuration key and the value.</summary>
internal sealed class HttpToolOptionsValidator : IValidateOptions<HttpToolOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpToolOptions options)
    {
        var failures = new List<string>();
        if (options.MaxResponseBytes < 1)
        {
            failures.Add($"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.MaxResponseBytes)} must be at least 1, not {options.MaxResponseBytes}");
        }

        if (!(options.DefaultTimeoutSeconds > 0 && options.DefaultTimeoutSeconds <= HttpToolOptions.MaxTimeoutSeconds))
        {
            failures.Add(
                $"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.DefaultTimeoutSeconds)} must be greater than 0 and at most "
                + $"{HttpToolOptions.MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}, not {options.DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (options.MaxRedirects is < 0 or > HttpToolOptions.MaxRedirectsLimit)
        {
            failures.Add(
                $"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.MaxRedirects)} must be from 0 to {HttpToolOptions.MaxRedirectsLimit}, not {options.MaxRedirects}");
        }

        CheckHosts(options.AllowedHosts, nameof(HttpToolOptions.AllowedHosts), failures);
        CheckHosts(options.DeniedHosts, nameof(HttpToolOptions.DeniedHosts), failures);
        CheckNetworks(options.AllowedNetworks, nameof(HttpToolOptions.AllowedNetworks), failures);
        CheckNetworks(options.DeniedNetworks, nameof(HttpToolOptions.DeniedNetworks), failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckHosts(IList<string> hosts, string setting, List<string> failures)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            if (!HttpNetworkRules.IsHostPattern(hosts[i]))
            {
                failures.Add($"{HttpToolOptions.SectionName}:{setting}:{i} must be a host name, '*.' and a domain, or an IP address, not '{hosts[i]}'");
            }
        }
    }

    private static void CheckNetworks(IList<string> networks, string setting, List<string> failures)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(networks[i]?.Trim(), out _))
            {
                failures.Add($"{HttpToolOptions.SectionName}:{setting}:{i} must be a network in CIDR notation such as 10.0.0.0/8, not '{networks[i]}'");
            }
        }
    }
}
