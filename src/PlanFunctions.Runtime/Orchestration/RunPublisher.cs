using PlanFunctions.Client;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// Tells the monitor entity a run's progress and the instance index its status: a change of status at once, other
/// progress at most <see cref="PlanFunctions.Client.Hosting.PlanEngineOptions.MonitorUpdateInterval"/> late (the orchestrator wakes up for
/// it at <see cref="MonitorDue"/>), and the index only when the status it holds changes.
/// </summary>
internal sealed class RunPublisher(string instanceId, IGrainFactory grains, IInstanceStore instanceStore, PlanFunctionsRuntimeOptions options, TimeProvider time)
{
    private static readonly TimeSpan MonitorClockSlack = TimeSpan.FromMilliseconds(10);

    private IPlanMonitorGrain? _monitor;
    private RuntimeStatus? _monitoredStatus;
    private DateTimeOffset _monitorUpdatedAt;
    private bool _monitorBehind;
    private RuntimeStatus? _indexedStatus;

    /// <summary>When the monitor must next be told progress it has not been told, if any.</summary>
    public DateTimeOffset? MonitorDue => _monitorBehind ? _monitorUpdatedAt + options.MonitorUpdateInterval : null;

    /// <summary>Reads what the index holds, not what it should hold: a write of it may have failed before this activation.</summary>
    public async Task ReadIndexedAsync() => _indexedStatus = (await instanceStore.GetAsync(instanceId))?.RuntimeStatus;

    /// <summary>Forgets the index entry (the run was purged).</summary>
    public void ForgetIndexed() => _indexedStatus = null;

    /// <summary>Publishes the run's progress as shown with <paramref name="status"/>; <paramref name="force"/> tells the monitor now.</summary>
    public async Task PublishAsync(PlanRun run, RuntimeStatus status, bool force = false)
    {
        var now = time.GetUtcNow();

        // The wake-up that brings a late update runs on a timer, which may fire a few milliseconds early by the wall clock.
        if (force || run.IsEnded || status != _monitoredStatus || now - _monitorUpdatedAt >= options.MonitorUpdateInterval - MonitorClockSlack)
        {
            _monitoredStatus = status;
            _monitorUpdatedAt = now;
            _monitorBehind = false;
            await (_monitor ??= grains.GetGrain<IPlanMonitorGrain>(instanceId)).UpdateAsync(run.GetProgress(now) with { Status = status });
        }
        else
        {
            _monitorBehind = true;
        }

        if (_indexedStatus != status)
        {
            await instanceStore.UpsertAsync(new InstanceRecord
            {
                InstanceId = instanceId,
                Name = run.Plan.Name,
                RuntimeStatus = status,
                CreatedTime = run.CreatedTime,
                LastUpdatedTime = run.LastUpdatedTime,
            });
            _indexedStatus = status;
        }
    }
}
