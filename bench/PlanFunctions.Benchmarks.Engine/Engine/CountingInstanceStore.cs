using System.Diagnostics;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>The engine's instance index, unchanged, with every call counted and timed and every status told to the watcher.</summary>
internal sealed class CountingInstanceStore(IInstanceStore inner, StorageCounters counters, RunEndWatcher watcher) : IInstanceStore
{
    public async Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.UpsertAsync(record, cancellationToken);
        }
        finally
        {
            counters.InstanceUpserted(started);
        }

        watcher.Observe(record.InstanceId, record.RuntimeStatus);
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.GetAsync(instanceId, cancellationToken);
        }
        finally
        {
            counters.InstanceRead(started);
        }
    }

    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) => inner.DeleteAsync(instanceId, cancellationToken);
}
