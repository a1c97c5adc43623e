namespace PlanFunctions.Core.Plans;

/// <summary>
/// A host's defaults for what a plan leaves out: its deadline, and its steps' timeout and retry policy. Stamped into
/// an accepted plan (<see cref="ApplyTo"/>), so that the plan the run starts with, and every replay of it, says what applies.
/// </summary>
/// <param name="RunTimeoutSeconds">The deadline of a run whose plan sets no <c>timeoutSeconds</c>.</param>
/// <param name="StepTimeoutSeconds">The limit of one attempt for steps that set none and whose plan's defaults set none.</param>
/// <param name="Retry">The retry policy of steps that set none and whose plan's defaults set none.</param>
public sealed record HostPlanDefaults(double RunTimeoutSeconds, double StepTimeoutSeconds, RetryPolicy Retry)
{
    /// <summary>The plan as the run is started with it: what it leaves out filled in from these defaults.</summary>
    public Plan ApplyTo(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var defaults = plan.Defaults ?? new PlanDefaults();
        return plan with
        {
            TimeoutSeconds = plan.TimeoutSeconds ?? RunTimeoutSeconds,
            Defaults = defaults with
            {
                TimeoutSeconds = defaults.TimeoutSeconds ?? StepTimeoutSeconds,
                Retry = defaults.Retry ?? Retry,
            },
        };
    }
}
