namespace PlanFunctions.Core.Statistics;

/// <summary>What a step event counts as in the engine's metrics.</summary>
public enum StepMetric
{
    /// <summary>An attempt was dispatched.</summary>
    Dispatched,

    /// <summary>An attempt after the first was dispatched.</summary>
    Retried,

    /// <summary>An attempt timed out.</summary>
    TimedOut,

    /// <summary>The step failed for good: no retry follows.</summary>
    Failed,

    /// <summary>The step was skipped.</summary>
    Skipped,
}
