using System.Diagnostics;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>The engine's history store, unchanged, with every call counted and timed.</summary>
internal sealed class CountingRunHistoryStore(IRunHistoryStore inner, StorageCounters counters) : IRunHistoryStore
{
    public async Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ReadAsync(instanceId, cancellationToken);
        }
        finally
        {
            counters.HistoryRead(started);
        }
    }

    public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.AppendAsync(instanceId, expectedCount, events, cancellationToken);
        }
        finally
        {
            counters.HistoryAppended(events.Count, started);
        }
    }

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.DeleteAsync(instanceId, cancellationToken);
}
