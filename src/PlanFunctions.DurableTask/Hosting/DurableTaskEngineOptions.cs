using System.ComponentModel.DataAnnotations;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Hosting;

/// <summary>
/// The Durable Task engine's settings, read from <c>extensions:durableTask</c> (host.json in a Function App) with the
/// same names the Orleans engine reads.
/// </summary>
public sealed class DurableTaskEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>The task hub's name.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The hub name must start with a letter and have 3 to 45 letters or digits.")]
    public string HubName { get; set; } = "PlanFunctions";

    /// <summary>How many ExecutionStatistics entities the counters are split over.</summary>
    [Range(1, 256)]
    public int StatisticsShards { get; set; } = 8;

    /// <summary>After how many awaited results a run's orchestration continues as new, keeping its history short.</summary>
    [Range(10, 100_000)]
    public int TurnsPerGeneration { get; set; } = 500;

    /// <summary>
    /// How far the monitor entity's progress and the run's journal may lag behind the run: a change of status reaches
    /// them at once, other progress at most this much later. At most 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MonitorUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a tool that ignores its cancellation is given past its deadline before the attempt is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest output a step may return, in bytes.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxStepOutputBytes { get; set; } = PlanLimits.Default.MaxStepOutputBytes;

    /// <summary>The run timeout of plans that set none, in seconds.</summary>
    [Range(1, 604_800)]
    public double DefaultRunTimeoutSeconds { get; set; } = PlanDefaults.RunTimeoutSeconds;

    /// <summary>The step timeout of plans that set none, in seconds.</summary>
    [Range(0.001, 604_800)]
    public double DefaultStepTimeoutSeconds { get; set; } = PlanDefaults.StepTimeoutSeconds;

    /// <summary>Attempts in all of steps whose plan sets no retry policy.</summary>
    [Range(1, 100)]
    public int DefaultMaxNumberOfAttempts { get; set; } = RetryPolicy.Default.MaxNumberOfAttempts;

    /// <summary>The first wait before a retry of steps whose plan sets no retry policy, in seconds.</summary>
    [Range(0.001, 86_400)]
    public double DefaultFirstRetryIntervalSeconds { get; set; } = RetryPolicy.Default.FirstRetryIntervalSeconds;

    /// <summary>The most steps one plan may have.</summary>
    [Range(1, 100_000)]
    public int MaxSteps { get; set; } = PlanLimits.Default.MaxSteps;

    /// <summary>The longest text a template may expand to.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxTemplateExpansionChars { get; set; } = PlanLimits.Default.MaxTemplateExpansionChars;

    /// <summary>The limits plans are validated and run with.</summary>
    public PlanLimits ToPlanLimits() => PlanLimits.Default with
    {
        MaxSteps = MaxSteps,
        MaxStepOutputBytes = MaxStepOutputBytes,
        MaxTemplateExpansionChars = MaxTemplateExpansionChars,
    };

    /// <summary>The host's defaults for what a plan leaves unset.</summary>
    public HostPlanDefaults ToHostDefaults() => new(
        DefaultRunTimeoutSeconds,
        DefaultStepTimeoutSeconds,
        RetryPolicy.Default with { MaxNumberOfAttempts = DefaultMaxNumberOfAttempts, FirstRetryIntervalSeconds = DefaultFirstRetryIntervalSeconds });

    /// <summary>The plan with the host's defaults filled in where it sets none (Core's <see cref="HostPlanDefaults"/>).</summary>
    public Plan WithHostDefaults(Plan plan) => ToHostDefaults().ApplyTo(plan);

    /// <summary>The input of a run's first generation: the plan with the host's defaults, and the host's settings the orchestrator needs.</summary>
    /// <param name="plan">The plan, validated.</param>
    /// <param name="runToken">Tells this run apart from others under the same instance id.</param>
    /// <param name="startedAt">When the run was accepted; <see langword="null"/> for the orchestrator's first turn.</param>
    public RunPlanInput ToRunInput(Plan plan, string runToken, DateTimeOffset? startedAt) => new()
    {
        Plan = WithHostDefaults(plan),
        StartedAt = startedAt,
        RunToken = runToken,
        StatisticsShards = StatisticsShards,
        TurnsPerGeneration = TurnsPerGeneration,
        MonitorUpdateInterval = MonitorUpdateInterval,
        Limits = ToPlanLimits(),
    };
}
