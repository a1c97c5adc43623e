using System.Collections.Concurrent;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>
/// Learns that a run ended from the instance index, which the orchestrator updates when the run's status changes:
/// no polling, so waiting costs the engine nothing and the end is seen when the engine records it.
/// </summary>
internal sealed class RunEndWatcher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeStatus>> ends = new(StringComparer.Ordinal);

    /// <summary>Completes with the run's final status once it ended.</summary>
    public Task<RuntimeStatus> WhenEnded(string instanceId) => Source(instanceId).Task;

    /// <summary>Told of every status the index records.</summary>
    public void Observe(string instanceId, RuntimeStatus status)
    {
        if (status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Canceled or RuntimeStatus.Terminated)
        {
            Source(instanceId).TrySetResult(status);
        }
    }

    private TaskCompletionSource<RuntimeStatus> Source(string instanceId) =>
        ends.GetOrAdd(instanceId, static _ => new TaskCompletionSource<RuntimeStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
}
