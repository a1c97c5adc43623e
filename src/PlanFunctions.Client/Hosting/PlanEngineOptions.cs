using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Client.Hosting;

/// <summary>
/// The settings both engines read from <c>extensions:durableTask</c> (host.json), with the same names and defaults:
/// the task hub, the limits plans are held to, the host's defaults for what a plan leaves out, and how runs are
/// watched. Each engine's options derive from this and add their own.
/// </summary>
public class PlanEngineOptions
{
    /// <summary>The task hub's name: every table name starts with it, so hubs can share a storage account.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "hubName must be 3 to 45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "PlanFunctions";

    /// <summary>How many shards the statistics entity has.</summary>
    [Range(1, 1024)]
    public int StatisticsShards { get; set; } = 8;

    /// <summary>
    /// How far the monitor entity's progress may lag behind the run. A change of status reaches it at once; other
    /// progress within this time of its last update waits for the next one, which comes at most this much later.
    /// Zero updates it at every decision (one message per step, a measurable share of a short step's cost). At most 1 minute.
    /// </summary>
    public TimeSpan MonitorUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long past its deadline an attempt whose tool ignores cancellation is given before it is reported failed. At most 1 hour.</summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many runs may be under way at once on one host; more are not refused but wait as <c>Pending</c> until a
    /// place frees up.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRunsPerHost { get; set; } = 1_000;

    /// <summary>
    /// The most events one run's history may hold; a run that reaches it is stopped and fails, naming this setting.
    /// A few events past it record the stop itself.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxHistoryEvents { get; set; } = 200_000;

    /// <summary>The largest output one step may return, in bytes.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxStepOutputBytes { get; set; } = 256 * 1024;

    /// <summary>The deadline of a run whose plan sets no <c>timeoutSeconds</c>, in seconds.</summary>
    [Range(0.001, 604_800)]
    public double DefaultRunTimeoutSeconds { get; set; } = PlanDefaults.RunTimeoutSeconds;

    /// <summary>The limit of one attempt for steps that set none and whose plan's defaults set none, in seconds.</summary>
    [Range(0.001, 604_800)]
    public double DefaultStepTimeoutSeconds { get; set; } = PlanDefaults.StepTimeoutSeconds;

    /// <summary>The retry policy of steps that set none and whose plan's defaults set none.</summary>
    public RetryDefaultsOptions DefaultRetry { get; set; } = new();

    /// <summary>
    /// The plan as the run is started with it: what it leaves out of its deadline, its steps' timeout and retry
    /// defaults, filled in from these settings, so that the accepted plan (and every replay of it) says what applies.
    /// </summary>
    public Plan WithHostDefaults(Plan plan) => ToHostDefaults().ApplyTo(plan);

    /// <summary>The host's defaults for what a plan leaves out, from these settings.</summary>
    public HostPlanDefaults ToHostDefaults() => new(DefaultRunTimeoutSeconds, DefaultStepTimeoutSeconds, DefaultRetry.ToRetryPolicy());

    /// <summary>The most steps one plan may have.</summary>
    [Range(1, 100_000)]
    public int MaxSteps { get; set; } = PlanLimits.Default.MaxSteps;

    /// <summary>The deepest nesting of objects and arrays in a submitted plan.</summary>
    [Range(8, 256)]
    public int MaxJsonDepth { get; set; } = PlanLimits.Default.MaxJsonDepth;

    /// <summary>The longest condition expression, in characters.</summary>
    [Range(16, 1_000_000)]
    public int MaxExpressionLength { get; set; } = PlanLimits.Default.MaxExpressionLength;

    /// <summary>The longest string holding templates, in characters.</summary>
    [Range(16, 1_000_000)]
    public int MaxTemplateLength { get; set; } = PlanLimits.Default.MaxTemplateLength;

    /// <summary>The most characters the templates of one step may insert.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxTemplateExpansionChars { get; set; } = PlanLimits.Default.MaxTemplateExpansionChars;

    /// <summary>The limits plans are held to, from these settings.</summary>
    public PlanLimits ToPlanLimits() => PlanLimits.Default with
    {
        MaxSteps = MaxSteps,
        MaxJsonDepth = MaxJsonDepth,
        MaxExpressionLength = MaxExpressionLength,
        MaxTemplateLength = MaxTemplateLength,
        MaxTemplateExpansionChars = MaxTemplateExpansionChars,
        MaxStepOutputBytes = MaxStepOutputBytes,
        MaxHistoryEvents = MaxHistoryEvents,
    };

    /// <summary>
    /// The problems of the durations here (the numbers are checked by their data annotations), each naming its key as
    /// <c>host.json</c> spells it under <paramref name="sectionName"/>.
    /// </summary>
    public IEnumerable<string> DurationProblems(string sectionName)
    {
        var failures = new List<string>();
        CheckDuration(failures, sectionName, "monitorUpdateInterval", MonitorUpdateInterval, TimeSpan.Zero, TimeSpan.FromMinutes(1), zeroAllowed: true);
        CheckDuration(failures, sectionName, "cancellationGracePeriod", CancellationGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1), zeroAllowed: true);
        return failures;
    }

    /// <summary>Adds a problem to <paramref name="failures"/> when <paramref name="value"/> is not within its bounds.</summary>
    protected static void CheckDuration(List<string> failures, string sectionName, string key, TimeSpan value, TimeSpan least, TimeSpan most, bool zeroAllowed)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value >= least && value <= most)
        {
            return;
        }

        var floor = zeroAllowed ? "from 00:00:00" : $"from {Show(least)}";
        failures.Add($"{sectionName}:{key} must be a duration {floor} to {Show(most)}; it is {Show(value)}.");
    }

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
