using PlanFunctions.Core.Statistics;

namespace PlanFunctions.DurableTask.Entities;

/// <summary>One shard of the statistics: its counters, and the runs under way that hash to it (so a run is counted once).</summary>
public sealed record ExecutionStatisticsState
{
    /// <summary>The counters of the runs that ended, and the runs started.</summary>
    public ExecutionStatistics Counters { get; init; } = new();

    /// <summary>The instance ids of the runs started and not ended.</summary>
    public HashSet<string> Active { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The counters as users see them, the active runs included.</summary>
    public ExecutionStatistics ToStatistics() => Counters with { ActiveExecutions = Active.Count };
}
