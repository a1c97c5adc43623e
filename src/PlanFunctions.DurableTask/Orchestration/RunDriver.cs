using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Results;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Tools;
using PlanFunctions.DurableTask.Activities;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.Tools.Ai;
using DurableRetryPolicy = Microsoft.DurableTask.RetryPolicy;
using PlanFunctions.Tools.Execution;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>One execution (generation) of a <c>RunPlan</c> orchestration: the loop of decide, carry out, await one result.</summary>
internal sealed class RunDriver
{
    // An AI condition is a question to a model: asked again with durable back-off, then the run stops saying why.
    private static readonly TaskOptions ConditionRetry = TaskOptions.FromRetryPolicy(
        new DurableRetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    private readonly TaskOrchestrationContext _context;
    private readonly RunPlanInput _input;
    private readonly List<RunEvent> _events = [];
    private readonly PlanRun _run;
    private readonly Dictionary<Task, InFlight> _inFlight = [];
    private readonly Dictionary<string, Task<JsonElement?>> _listeners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsAsked = new(StringComparer.Ordinal);
    private readonly bool _fresh;
    private readonly bool _rewound;
    private readonly RunTelemetry _telemetry;
    private Task? _timer;
    private DateTimeOffset _timerDue;
    private CancellationTokenSource? _timerCancel;
    private RuntimeStatus? _monitoredStatus;
    private DateTimeOffset _monitoredAt;
    private int _turns;
    private int _journaled;
    private int _started;
    private int _held;
    private Task? _flushTimer;
    private CancellationTokenSource? _flushCancel;

    public RunDriver(TaskOrchestrationContext context, RunPlanInput input)
    {
        _context = context;
        _input = input;
        var limits = input.Limits ?? PlanLimits.Default;
        _fresh = input.Snapshot is null;
        if (_fresh)
        {
            _run = new PlanRun(limits);
            Apply(input.StartEvent(context.InstanceId) ?? new RunStarted { Timestamp = Now, InstanceId = context.InstanceId, Plan = input.Plan! });
        }
        else
        {
            _run = PlanRun.FromSnapshot(input.Snapshot!, limits);
            if (input.Rewind && RunControl.Decide(_run, ControlRequest.Rewind(input.RewindReason), Now) is { Result: ControlResult.Accepted, Event: { } rewound })
            {
                Apply(rewound);
                _rewound = true;
            }
        }

        // This generation's events only: those of earlier generations are in the snapshot, recorded when first decided.
        _telemetry = new RunTelemetry(context, carriedOver: 0);
    }

    private DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc), TimeSpan.Zero);

    private TimeSpan MonitorInterval => _input.MonitorUpdateInterval ?? TimeSpan.FromSeconds(1);

    private EntityInstanceId Journal => RunJournalEntity.IdOf(_context.InstanceId, _input.RunToken, _input.Generation);

    /// <summary>
    /// Past its turns, or with attempts held back because it has started as many as it has turns, a generation starts
    /// no attempt: those in flight finish (their results applied), then it continues as new. A run winding down or past
    /// its deadline is decided as usual, so cancel and terminate stay prompt.
    /// </summary>
    private bool Draining => (_turns >= TurnsPerGeneration || _held > 0) && !_run.IsStopping && Now < _run.Deadline;

    private int TurnsPerGeneration => _input.TurnsPerGeneration > 0 ? _input.TurnsPerGeneration : RunPlanOrchestrator.DefaultTurnsPerGeneration;

    private EntityInstanceId StatisticsShard
    {
        get
        {
            var shards = _input.StatisticsShards > 0 ? _input.StatisticsShards : RunPlanOrchestrator.DefaultStatisticsShards;
            var shard = ExecutionStatisticsEntity.ShardOf(_context.InstanceId, shards);
            return new EntityInstanceId(PlanFunctionsTaskNames.ExecutionStatistics, shard.ToString(CultureInfo.InvariantCulture));
        }
    }

    public async Task<RunOutput?> RunAsync()
    {
        if (_fresh)
        {
            await _context.Entities.SignalEntityAsync(StatisticsShard, nameof(ExecutionStatisticsEntity.RunStarted), _context.InstanceId);
        }
        else if (_rewound && _run.RewoundEnd is { } reopened)
        {
            await _context.Entities.SignalEntityAsync(StatisticsShard, nameof(ExecutionStatisticsEntity.RunRewound), reopened);
        }

        Listen(RunEventNames.Cancel);
        Listen(RunEventNames.ExtendTimeout);
        Listen(RunEventNames.Terminate);
        Listen(RunEventNames.Suspend);
        Listen(RunEventNames.Resume);
        foreach (var name in WaitForEventNames(_run.Plan))
        {
            Listen(name);
        }

        foreach (var command in _run.RecoverInFlight())
        {
            CarryOut(command);
        }

        while (!_run.IsEnded)
        {
            if (_run.HistoryLimitEvent(Now) is { } aborted)
            {
                Apply(aborted);
            }

            if (Draining && _inFlight.Count > 0)
            {
                Publish(force: false);
                await AwaitNextAsync(_run.Deadline);
                continue;
            }

            if (Draining)
            {
                // Events already delivered to this generation would be lost with it: they are recorded first.
                await TakeDeliveredEventsAsync();
            }

            var decision = _run.Decide(Now);
            _events.AddRange(decision.Events);
            _telemetry.Observe(_run, _events);
            if (_run.IsEnded)
            {
                break;
            }

            var completion = decision.Commands.OfType<CompleteRun>().FirstOrDefault();
            if (completion is null && Draining)
            {
                // Nothing in flight: the next generation carries out what this decision dispatched (RecoverInFlight).
                await ContinueAsNewAsync();
                return null;
            }

            foreach (var command in decision.Commands)
            {
                CarryOut(command);
            }

            if (completion is not null)
            {
                await CompleteAsync(completion);
                break;
            }

            Publish(force: false);
            await AwaitNextAsync(decision.NextWakeUp);
        }

        CancelTimers();
        await EndAsync();
        return _run.GetOutput();
    }

    private async Task ContinueAsNewAsync()
    {
        Publish(force: true);
        await FlushJournalAsync();

        // An open durable timer would hold the execution open (DurableTask.Core ends it only without open tasks).
        CancelTimers();
        _context.ContinueAsNew(
            _input with { Plan = null, Snapshot = _run.ToSnapshot(), Generation = _input.Generation + 1, Rewind = false, RewindReason = null },
            preserveUnprocessedEvents: true);
    }

    private void CancelTimers()
    {
        _timerCancel?.Cancel();
        _flushCancel?.Cancel();
    }

    /// <summary>Records the external events that have arrived but were not yet taken.</summary>
    private async Task TakeDeliveredEventsAsync()
    {
        foreach (var (name, listener) in _listeners.Where(l => l.Value.IsCompleted).ToList())
        {
            Listen(name);
            OnEventRaised(name, await listener);
        }
    }

    /// <summary>The event names of the plan's <c>waitForEvent</c> steps (Core reads them), but those the run listens to anyway.</summary>
    private static IEnumerable<string> WaitForEventNames(Plan plan) => WaitForEventStep.EventNamesOf(plan)
        .Where(n => n is not (RunEventNames.Cancel or RunEventNames.ExtendTimeout or RunEventNames.Terminate or RunEventNames.Suspend or RunEventNames.Resume));

    private void Listen(string name) => _listeners[name] = _context.WaitForExternalEvent<JsonElement?>(name);

    private void Apply(RunEvent runEvent)
    {
        _run.Apply(runEvent);
        _events.Add(runEvent);
    }

    private void CarryOut(RunCommand command)
    {
        switch (command)
        {
            case DispatchStep when _started >= TurnsPerGeneration:
                // Dispatched in Core's state but not started: the next generation starts it (RecoverInFlight), as a
                // backend's queue would hold it; its deadline counts from the dispatch either way.
                _held++;
                break;
            case DispatchStep dispatch:
                _started++;
                var attempt = _context.CallActivityAsync<StepAttemptReport>(PlanFunctionsTaskNames.ExecuteStep, new ToolAttempt(
                    _context.InstanceId, dispatch.StepId, dispatch.Attempt, dispatch.Tool, dispatch.Parameters, dispatch.Deadline) { TraceParent = _telemetry.TraceParentOf(_run) });
                _inFlight[attempt] = new InFlight(dispatch.StepId, dispatch.Attempt, IsCondition: false, dispatch.Deadline);
                break;
            case CancelAttempt cancel:
                // An activity cannot be stopped from here: it stops its tool at its own deadline; its result is ignored.
                foreach (var (task, flight) in _inFlight.Where(f => !f.Value.IsCondition && f.Value.StepId == cancel.StepId && f.Value.Attempt == cancel.Attempt).ToList())
                {
                    _inFlight.Remove(task);
                }

                break;
            case EvaluateAiCondition ask when _conditionsAsked.Add(ask.StepId):
                var answer = _context.CallActivityAsync<AiConditionAnswer>(PlanFunctionsTaskNames.EvaluateAiCondition, ask, ConditionRetry);
                _inFlight[answer] = new InFlight(ask.StepId, 0, IsCondition: true, Deadline: null);
                break;
        }
    }

    private async Task AwaitNextAsync(DateTimeOffset? wakeUp)
    {
        if (wakeUp is { } due && (_timer is null || due < _timerDue))
        {
            _timerCancel?.Cancel();
            _timerCancel = new CancellationTokenSource();
            _timerDue = due;
            _timer = _context.CreateTimer(due.UtcDateTime, _timerCancel.Token);
        }

        if (_journaled < _events.Count && _flushTimer is null)
        {
            // Events not yet in the journal reach it at most one interval after the last update, even if nothing else happens.
            _flushCancel = new CancellationTokenSource();
            _flushTimer = _context.CreateTimer((_monitoredAt + MonitorInterval).UtcDateTime, _flushCancel.Token);
        }

        var tasks = new List<Task>(_inFlight.Count + _listeners.Count + 2);
        tasks.AddRange(_inFlight.Keys);
        tasks.AddRange(_listeners.Values);
        if (_timer is not null)
        {
            tasks.Add(_timer);
        }

        if (_flushTimer is not null)
        {
            tasks.Add(_flushTimer);
        }

        var winner = await Task.WhenAny(tasks);
        if (winner == _flushTimer)
        {
            _flushTimer = null;
            _flushCancel = null;
            Publish(force: true);
            return;
        }

        _turns++;
        if (winner == _timer)
        {
            _timer = null;
            _timerCancel = null;
            return;
        }

        if (_inFlight.Remove(winner, out var flight))
        {
            if (flight.IsCondition)
            {
                await OnConditionAnsweredAsync((Task<AiConditionAnswer>)winner, flight.StepId);
            }
            else
            {
                await OnAttemptEndedAsync((Task<StepAttemptReport>)winner, flight);
            }

            return;
        }

        foreach (var (name, listener) in _listeners)
        {
            if (listener == winner)
            {
                Listen(name);
                OnEventRaised(name, await listener);
                return;
            }
        }
    }

    private async Task OnAttemptEndedAsync(Task<StepAttemptReport> task, InFlight flight)
    {
        StepAttemptResult result;
        try
        {
            result = (await task).ToAttemptResult();
        }
        catch (TaskFailedException failure)
        {
            // The activity itself failed (its host, not its tool): worth another attempt.
            var message = failure.FailureDetails.ErrorMessage;
            result = StepAttemptResult.Failure(string.IsNullOrWhiteSpace(message) ? "the ExecuteStep activity failed" : message, retryable: true);
        }

        var now = Now;
        if (!result.Succeeded && flight.Deadline is { } deadline && now >= deadline)
        {
            // Stopped at its deadline: Core's clock times the attempt out at the next decision (StepTimedOut), as it
            // does when the deadline timer fires first.
            return;
        }

        var maxOutputBytes = _run.Limits.MaxStepOutputBytes;
        Apply(result.ToEvent(flight.StepId, flight.Attempt, now, maxOutputBytes));
    }

    private async Task OnConditionAnsweredAsync(Task<AiConditionAnswer> task, string stepId)
    {
        try
        {
            var answer = await task;
            Apply(new ConditionEvaluated { Timestamp = Now, StepId = stepId, Result = answer.Holds, Explanation = answer.Explanation });
        }
        catch (TaskFailedException failure)
        {
            Apply(new RunAborted { Timestamp = Now, Reason = $"the AI condition of step '{stepId}' could not be answered: {failure.FailureDetails.ErrorMessage}" });
        }
    }

    private void OnEventRaised(string name, JsonElement? payload)
    {
        // Nullable: an event raised without a payload arrives as null, which a JsonElement could not take.
        JsonElement? body = payload is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } ? payload : null;
        var request = name switch
        {
            RunEventNames.Terminate => ControlRequest.Terminate(RunControl.ReasonOf(body)),
            RunEventNames.Suspend => ControlRequest.Suspend(RunControl.ReasonOf(body)),
            RunEventNames.Resume => ControlRequest.Resume(RunControl.ReasonOf(body)),
            _ => ControlRequest.RaiseEvent(name, body),
        };

        // Core decides what the event records; one it refuses (an extendTimeout without positive seconds, raised past
        // the client, e.g. by the Functions host's webhook) is ignored.
        if (RunControl.Decide(_run, request, Now) is { Result: ControlResult.Accepted, Event: { } recorded })
        {
            Apply(recorded);
        }
    }

    private async Task CompleteAsync(CompleteRun completion)
    {
        var request = RunCompletion.RequestFor(_run, completion);
        string response;
        try
        {
            response = await _context.CallActivityAsync<string>(PlanFunctionsTaskNames.WriteRunResponse, request);
        }
        catch (TaskFailedException)
        {
            response = RunCompletion.FallbackResponse(request);
        }

        Apply(RunCompletion.Completed(completion, response, Now));
    }

    /// <summary>
    /// Shows the progress as the custom status, and tells the monitor entity and the journal on a change of status or
    /// at most every <see cref="MonitorInterval"/> (a flush timer brings what waits there within one interval).
    /// </summary>
    private void Publish(bool force)
    {
        var now = Now;
        var progress = _run.GetProgress(now);
        _context.SetCustomStatus(progress);
        if (force || progress.Status != _monitoredStatus || now - _monitoredAt >= MonitorInterval)
        {
            _monitoredStatus = progress.Status;
            _monitoredAt = now;
            _ = _context.Entities.SignalEntityAsync(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, _context.InstanceId), nameof(PlanMonitorEntity.Update), progress);
            if (_journaled < _events.Count)
            {
                _ = _context.Entities.SignalEntityAsync(Journal, nameof(RunJournalEntity.Append), NextPage());
            }

            _flushCancel?.Cancel();
            _flushCancel = null;
            _flushTimer = null;
        }
    }

    /// <summary>The events not yet sent to the journal, marked as sent.</summary>
    private RunJournalPage NextPage()
    {
        var page = new RunJournalPage { From = _journaled, Events = _events[_journaled..] };
        _journaled = _events.Count;
        return page;
    }

    /// <summary>
    /// Sends the journal the generation's events, all of them, and waits until it holds them, so that every event is
    /// readable once the generation ends whatever became of the signals before (a page from 0 replaces the whole: the
    /// backend may redo an episode whose pages were already sent, and a page of the discarded one may come late).
    /// </summary>
    private async Task FlushJournalAsync()
    {
        _journaled = _events.Count;
        _ = await _context.Entities.CallEntityAsync<int>(Journal, nameof(RunJournalEntity.Append), new RunJournalPage { From = 0, Events = _events });
    }

    private async Task EndAsync()
    {
        _telemetry.Observe(_run, _events);
        var progress = _run.GetProgress(Now);
        _context.SetCustomStatus(progress);
        await FlushJournalAsync();
        await _context.Entities.SignalEntityAsync(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, _context.InstanceId), nameof(PlanMonitorEntity.Update), progress);
        await _context.Entities.SignalEntityAsync(StatisticsShard, nameof(ExecutionStatisticsEntity.RunEnded), RunStatistics.EndedReport(_run));
    }

    private sealed record InFlight(string StepId, int Attempt, bool IsCondition, DateTimeOffset? Deadline);
}
