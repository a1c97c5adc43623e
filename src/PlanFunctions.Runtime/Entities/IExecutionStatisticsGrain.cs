using Orleans.Concurrency;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Entities;

/// <summary>
/// One shard of the statistics entity, keyed by shard number. Runs report to the shard of their instance id;
/// reading adds up every shard, so no single grain is a hot spot. Reports are idempotent per instance id.
/// </summary>
[Alias("PlanFunctions.ExecutionStatistics")]
public interface IExecutionStatisticsGrain : IGrainWithIntegerKey
{
    /// <summary>A run started.</summary>
    [Alias("RunStarted")]
    Task RunStartedAsync(string instanceId);

    /// <summary>A run ended.</summary>
    [Alias("RunEnded")]
    Task RunEndedAsync(RunEndedReport report);

    /// <summary>
    /// A run that had ended was rewound: it is under way again, and the end it had (<see cref="Core.Execution.PlanRun.RewoundEnd"/>)
    /// is taken off the counters, so that the run counts once, as it ends at last.
    /// </summary>
    [Alias("RunRewound")]
    Task RunRewoundAsync(RunEndedReport rewoundEnd);

    /// <summary>This shard's counters.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<ExecutionStatistics> GetAsync();
}
