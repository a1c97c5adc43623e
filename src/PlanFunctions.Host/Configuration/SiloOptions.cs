namespace PlanFunctions.Host.Configuration;

/// <summary>
/// Where the Orleans silo inside the host listens, from <c>PlanFunctions:Silo</c>; how hosts find each other is
/// <see cref="ClusteringOptions"/>.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "PlanFunctions:Silo";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port external Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "planfunctions-local";

    /// <summary>The Orleans service id; state is keyed by it, so keep it stable.</summary>
    public string ServiceId { get; set; } = "PlanFunctions";

    /// <summary>
    /// The address this silo tells the others, with <c>AzureTable</c> clustering; unset, the first non-loopback IPv4
    /// address of the machine (loopback when it has none).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// The shortest period a reminder may have (Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>); unset keeps
    /// Orleans' default of one minute. A run's keep-alive reminder (<c>extensions:durableTask:RunReminderPeriod</c>)
    /// must not be shorter. Lower it only to bring runs back sooner after a restart, as tests do.
    /// </summary>
    public TimeSpan? MinimumReminderPeriod { get; set; }

    /// <summary>Every problem with these settings, each naming the setting.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SiloPort is < 1 or > 65535)
        {
            problems.Add($"{SectionName}:SiloPort must be a port from 1 to 65535; it is {SiloPort}.");
        }

        if (GatewayPort is < 1 or > 65535 || GatewayPort == SiloPort)
        {
            problems.Add($"{SectionName}:GatewayPort must be a port from 1 to 65535, other than SiloPort; it is {GatewayPort}.");
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            problems.Add($"{SectionName}:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            problems.Add($"{SectionName}:ServiceId must not be empty.");
        }

        if (AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            problems.Add($"{SectionName}:AdvertisedAddress must be an IP address; it is '{address}'.");
        }

        if (MinimumReminderPeriod is { } minimum && minimum <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:MinimumReminderPeriod must be longer than zero; it is {minimum}.");
        }

        return problems;
    }
}
