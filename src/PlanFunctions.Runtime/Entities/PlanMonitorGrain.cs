using PlanFunctions.Core.Execution;

namespace PlanFunctions.Runtime.Entities;

/// <summary>
/// The monitor entity. Its state is a cache of the orchestrator's: the orchestrator pushes a change of status at
/// once and other progress at most <c>MonitorUpdateInterval</c> late, and after a failover pushes it again when it
/// rebuilds, so nothing here needs to be written to storage.
/// </summary>
[GrainType("planmonitor")]
internal sealed class PlanMonitorGrain : Grain, IPlanMonitorGrain
{
    private ExecutionProgress? _progress;

    public Task UpdateAsync(ExecutionProgress progress)
    {
        _progress = progress;
        return Task.CompletedTask;
    }

    public Task<ExecutionProgress?> GetAsync() => Task.FromResult(_progress);
}
