using System.Runtime.CompilerServices;
using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Client;

namespace PlanFunctions.Cli.Running;

/// <summary>
/// Follows one run to its end by polling its status, and passes a Ctrl+C on to it as the <c>cancel</c> event.
/// Each step's standing comes from folding the run's history into a <see cref="PlanRun"/>, the same state machine
/// the orchestrator runs, so the rows say exactly what the engine knows.
/// </summary>
internal sealed class RunWatcher(PlanFunctionsClient client, string instanceId, RunInterrupt interrupt, TimeProvider time)
{
    /// <summary>How often the run is polled: a few times a second.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly StatusQuery WithHistory = new(ShowHistory: true, ShowHistoryOutput: true, ShowInput: false);

    private readonly PlanRun _run = new(client.ValidationOptions.Limits);
    private bool _cancelRaised;

    /// <summary>A snapshot at every poll, up to and including the first that finds the run ended.</summary>
    public async IAsyncEnumerable<RunSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await RaiseCancelIfAskedAsync().ConfigureAwait(false);
            var snapshot = await PollAsync().ConfigureAwait(false);
            yield return snapshot;
            if (snapshot.IsEnded)
            {
                yield break;
            }

            // Wake early for a Ctrl+C, so the run hears of it at once.
            var delay = Task.Delay(PollInterval, time, cancellationToken);
            await (_cancelRaised ? delay : Task.WhenAny(delay, interrupt.Requested)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The run's final status document, with its input: what <c>--json</c> prints.</summary>
    public async Task<OrchestrationStatus> GetStatusAsync() =>
        await client.GetStatusAsync(instanceId).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"the run {instanceId} has disappeared from the engine");

    private async Task RaiseCancelIfAskedAsync()
    {
        if (_cancelRaised || !interrupt.IsRequested)
        {
            return;
        }

        _cancelRaised = true;
        await client.RaiseEventAsync(instanceId, "cancel", null).ConfigureAwait(false);
    }

    private async Task<RunSnapshot> PollAsync()
    {
        var status = await client.GetStatusAsync(instanceId, WithHistory).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the run {instanceId} has disappeared from the engine");
        var history = status.HistoryEvents ?? [];

        // The history only grows: fold in what this run has not seen yet.
        var seen = _run.IsStarted ? _run.EventCount : 0;
        foreach (var element in history.Skip(seen))
        {
            _run.Apply(element.Deserialize<RunEvent>(PlanJson.Options)
                ?? throw new InvalidOperationException($"the run {instanceId} has an empty history event"));
        }

        IReadOnlyList<StepProgress> steps = _run.IsStarted
            ? [.. _run.Plan.Steps.Select(step => new StepProgress(step.Id, step.Tool, _run.GetStep(step.Id)))]
            : [];
        return new RunSnapshot(status.Name, status.InstanceId, status.CustomStatus, steps, time.GetUtcNow(), interrupt.IsRequested);
    }
}
