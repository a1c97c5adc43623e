using System.Runtime.CompilerServices;
using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Client;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Cli.Running;

/// <summary>
/// Follows one run to its end by polling its status, and passes a Ctrl+C on to it as the <c>cancel</c> event.
/// Each step's standing comes from folding the run's history into a <see cref="PlanRun"/>, the same state machine
/// the orchestrator runs, so the rows say exactly what the engine knows. An engine whose status has no history (or
/// one this Core cannot fold) is followed from its progress alone: the step it names as current is shown running, and
/// every step's outcome once the run has ended.
/// </summary>
/// <param name="client">The engine's client.</param>
/// <param name="instanceId">The run.</param>
/// <param name="interrupt">Ctrl+C.</param>
/// <param name="time">The clock of the polls.</param>
/// <param name="rewound">
/// For a run just rewound, its status from before the rewind: while the engine still shows that very status, the run
/// has not gone back to running yet and is not taken as ended.
/// </param>
internal sealed class RunWatcher(PlanFunctionsClient client, string instanceId, RunInterrupt interrupt, TimeProvider time, OrchestrationStatus? rewound = null)
{
    /// <summary>How long a rewound run may keep showing its failure before the watcher takes it as the answer.</summary>
    public static readonly TimeSpan RewindTakesEffect = TimeSpan.FromSeconds(60);

    /// <summary>How often the run is polled: a few times a second.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly StatusQuery WithHistory = new(ShowHistory: true, ShowHistoryOutput: true, ShowInput: false);
    private static readonly StatusQuery WithInput = new(ShowHistory: false, ShowHistoryOutput: false, ShowInput: true);

    private readonly PlanRun _run = new(client.ValidationOptions.Limits);
    private readonly DateTimeOffset _watchStarted = time.GetUtcNow();
    private bool _cancelRaised;
    private bool _withoutHistory;
    private Plan? _plan;
    private DateTimeOffset? _lastUpdated;

    /// <summary>A snapshot at every poll, up to and including the first that finds the run ended.</summary>
    public async IAsyncEnumerable<RunSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await RaiseCancelIfAskedAsync().ConfigureAwait(false);
            var snapshot = await PollAsync().ConfigureAwait(false);
            if (!snapshot.IsEnded || !IsStillTheRewoundFailure(snapshot))
            {
                yield return snapshot;
                if (snapshot.IsEnded)
                {
                    yield break;
                }
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

    private bool IsStillTheRewoundFailure(RunSnapshot snapshot) =>
        rewound is not null
        && _lastUpdated == rewound.LastUpdatedTime
        && snapshot.Progress.Status == rewound.RuntimeStatus
        && time.GetUtcNow() - _watchStarted < RewindTakesEffect;

    private async Task<RunSnapshot> PollAsync()
    {
        var status = await client.GetStatusAsync(instanceId, _withoutHistory ? null : WithHistory).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the run {instanceId} has disappeared from the engine");
        _lastUpdated = status.LastUpdatedTime;
        if (!_withoutHistory && !TryFold(status.HistoryEvents))
        {
            _withoutHistory = true;
        }

        if (_withoutHistory)
        {
            _plan ??= await ReadPlanAsync(status).ConfigureAwait(false);
            return new RunSnapshot(status.Name, status.InstanceId, status.CustomStatus, StepsWithoutHistory(status), time.GetUtcNow(), interrupt.IsRequested);
        }

        IReadOnlyList<StepProgress> steps = _run.IsStarted
            ? [.. _run.Plan.Steps.Select(step => new StepProgress(step.Id, step.Tool, _run.GetStep(step.Id)))]
            : [];
        return new RunSnapshot(status.Name, status.InstanceId, status.CustomStatus, steps, time.GetUtcNow(), interrupt.IsRequested);
    }

    /// <summary>Folds what the history adds since the last poll; false when there is no history or it cannot be folded.</summary>
    private bool TryFold(IReadOnlyList<JsonElement>? history)
    {
        if (history is null)
        {
            return false;
        }

        // The history only grows: fold in what this run has not seen yet.
        var seen = _run.IsStarted ? _run.EventCount : 0;
        try
        {
            foreach (var element in history.Skip(seen))
            {
                if (element.Deserialize<RunEvent>(PlanJson.Options) is not { } runEvent)
                {
                    return false;
                }

                _run.Apply(runEvent);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // An event this Core does not know (an engine newer than the command line): follow the progress instead.
            return false;
        }

        return true;
    }

    private async Task<Plan?> ReadPlanAsync(OrchestrationStatus status)
    {
        var input = status.Input ?? (await client.GetStatusAsync(instanceId, WithInput).ConfigureAwait(false))?.Input;
        try
        {
            return input?.Deserialize<Plan>(PlanJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every step as the status alone tells: its outcome once the run has one, else running when it is the current step.</summary>
    private List<StepProgress> StepsWithoutHistory(OrchestrationStatus status)
    {
        if (_plan is null)
        {
            return [];
        }

        var outcomes = status.Output?.Steps;
        var current = status.CustomStatus.CurrentStep;
        return [.. _plan.Steps.Select(step => new StepProgress(
            step.Id,
            step.Tool,
            outcomes?.GetValueOrDefault(step.Id)
                ?? new StepOutcome { Status = outcomes is null && step.Id == current ? StepStatus.Running : StepStatus.Pending }))];
    }
}
