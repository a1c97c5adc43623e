using Orleans.Concurrency;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Runtime.Entities;

/// <summary>
/// The monitor entity of one run, keyed by instance id: its ExecutionProgress, kept up to date by the
/// orchestrator (at most <c>MonitorUpdateInterval</c> behind it) and cheap to read while the run is busy.
/// </summary>
[Alias("PlanFunctions.PlanMonitor")]
public interface IPlanMonitorGrain : IGrainWithStringKey
{
    /// <summary>Replaces the progress.</summary>
    [OneWay]
    [Alias("Update")]
    Task UpdateAsync(ExecutionProgress progress);

    /// <summary>The latest progress, or <see langword="null"/> before the first update.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<ExecutionProgress?> GetAsync();
}
