namespace PlanFunctions.Client.Entities;

/// <summary>
/// The entities every engine has, with the names and state shapes of the Functions app's, and what users may do with
/// them: read them. Their state is written by the engine alone.
/// </summary>
public static class PlanEntities
{
    /// <summary>The monitor entity of a run, keyed by its instance id; its state is the run's <c>ExecutionProgress</c>.</summary>
    public const string PlanMonitor = "PlanMonitor";

    /// <summary>The statistics entity; its state is the counters of <c>/api/statistics</c>.</summary>
    public const string ExecutionStatistics = "ExecutionStatistics";

    /// <summary>The one key of <see cref="ExecutionStatistics"/>: the counters over every run.</summary>
    public const string StatisticsKey = "global";

    /// <summary>The entity names, as users write them.</summary>
    public static IReadOnlyList<string> Names { get; } = [PlanMonitor, ExecutionStatistics];

    /// <summary>Whether an entity name (in any case) is the monitor entity's.</summary>
    public static bool IsPlanMonitor(string name) => string.Equals(name, PlanMonitor, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an entity name (in any case) is the statistics entity's.</summary>
    public static bool IsExecutionStatistics(string name) => string.Equals(name, ExecutionStatistics, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an entity name (in any case) names one of these entities.</summary>
    public static bool IsKnown(string name) => IsPlanMonitor(name) || IsExecutionStatistics(name);

    /// <summary>Why a user may not signal this entity, or <see langword="null"/> for a name that is none of these.</summary>
    public static string? WhySignalRefused(string name) =>
        IsPlanMonitor(name)
            ? "The PlanMonitor entity is written only by its run's orchestrator: it shows the run's progress. Read it with GET; change the run through its instance (raiseEvent, terminate, suspend, resume)."
            : IsExecutionStatistics(name)
                ? "The ExecutionStatistics entity is written only by the engine as runs start and end: its counters cannot be changed from outside. Read it with GET."
                : null;
}
