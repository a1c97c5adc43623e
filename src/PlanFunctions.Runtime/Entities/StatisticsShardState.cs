using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Entities;

/// <summary>The persisted state of one statistics shard.</summary>
public sealed class StatisticsShardState
{
    /// <summary>Instance ids of runs started and not ended: makes reports idempotent.</summary>
    public HashSet<string> Active { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The shard's counters, without <see cref="ExecutionStatistics.ActiveExecutions"/> (that is <see cref="Active"/>'s count).</summary>
    public ExecutionStatistics Counters { get; set; } = new();
}
