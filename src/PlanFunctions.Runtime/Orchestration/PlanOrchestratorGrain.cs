using System.Text.Json;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.Activities;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Messaging;
using PlanFunctions.Tools.Telemetry;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// The orchestrator: rebuilds its <see cref="PlanRun"/> from the history store on activation, appends every
/// event before it carries out a command, and wakes itself with a grain timer while active and a reminder
/// always, so that a run outlives the host it started on.
/// </summary>
/// <remarks>
/// Step results interleave with everything else (<see cref="IPlanOrchestratorGrain.ReportStepResultAsync"/>): each
/// is queued, and whoever next holds the grain's gate folds every queued result into one append and one decision
/// (group commit). All work that changes the run holds the gate, so it runs one at a time as before. A result is
/// acknowledged to its activity once the append that holds it is stored, before the commands that follow from it
/// are carried out.
/// </remarks>
[GrainType("planorchestrator")]
internal sealed partial class PlanOrchestratorGrain(
    IRunHistoryStore historyStore,
    IInstanceStore instanceStore,
    IRunAssistant assistant,
    RunAdmission admission,
    IOptions<PlanFunctionsRuntimeOptions> options,
    TimeProvider time,
    ILogger<PlanOrchestratorGrain> logger)
    : Grain, IPlanOrchestratorGrain, IRemindable
{
    private readonly PlanFunctionsRuntimeOptions _options = options.Value;
    private readonly RunGate _gate = new();
    private readonly ResultInbox _inbox = new();
    private readonly HashSet<string> _conditionsAsked = new(StringComparer.Ordinal);
    private bool _endReported;
    private bool _admitted;
    private bool _countedActive;
    private string? _instanceId;
    private (DateTimeOffset CreatedTime, string Value)? _traceParent;
    private RunPublisher? _publisher;
    private RunWakeUps? _wakeUps;
    private IExecutionStatisticsGrain? _statistics;
    private StoredRun? _stored;

    // Read on every step: the key is parsed once per activation, not once per use.
    private string InstanceId => _instanceId ??= this.GetPrimaryKeyString();

    private RunPublisher Publisher => _publisher ??= new RunPublisher(InstanceId, GrainFactory, instanceStore, _options, time);

    private RunWakeUps WakeUps => _wakeUps ??= new RunWakeUps(this, _options, time, OnTimerAsync);

    private StoredRun Stored => _stored ??= new StoredRun(InstanceId, historyStore, _options);

    private PlanRun? Run => Stored.Run;

    /// <summary>
    /// Rebuilds the run from its history, once per activation, before the first call that needs it. Not in
    /// <c>OnActivateAsync</c>: a start of a new instance id, the common case, needs no read (see <see cref="StartRunAsync"/>).
    /// </summary>
    private Task LoadAsync() => Stored.LoadAsync(ResumeAsync);

    /// <summary>Carries on a run rebuilt from its history: tells the statistics, keeps the reminder, checks its activities, decides.</summary>
    private async Task ResumeAsync(int eventCount)
    {
        var run = Run!;
        await Publisher.ReadIndexedAsync();
        LogRebuilt(logger, InstanceId, eventCount, run.RuntimeStatus);
        if (run.IsEnded)
        {
            // The host may have died between recording the end and telling the statistics: tell them again (idempotent).
            await ReportEndAsync();
            return;
        }

        CountActive(true);
        await ReportUnderWayAsync(run);
        await WakeUps.KeepAliveAsync();
        await EnsureActivitiesAliveAsync();
        await DecideAndActAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CountActive(false);
        admission.Release(InstanceId);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<StartRunResult> StartAsync(StartRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExclusiveAsync(() => StartRunAsync(request), load: false);
    }

    /// <summary>
    /// Starts the run. An activation that has not read the history yet assumes the instance id is new and appends the
    /// start at position 0, which the store refuses when a history exists: only then is it read, and the start decided
    /// as for a loaded run (refused while a run is under way, replacing an ended one).
    /// </summary>
    private async Task<StartRunResult> StartRunAsync(StartRunRequest request)
    {
        if (!Stored.IsLoaded)
        {
            try
            {
                return await BeginRunAsync(request);
            }
            catch (RunHistoryConflictException exception)
            {
                LogStartFoundHistory(logger, exception, InstanceId);
                await LoadAsync();
            }
        }

        switch (RunControl.DecideStart(Run))
        {
            case StartDecision.Conflict:
                return StartRunResult.Conflict;
            case StartDecision.ReplaceEnded:
                await Stored.DeleteHistoryAsync();
                break;
        }

        return await BeginRunAsync(request);
    }

    private async Task<StartRunResult> BeginRunAsync(StartRunRequest request)
    {
        Stored.Begin();
        _endReported = false;
        _admitted = false;
        _conditionsAsked.Clear();
        var started = new RunStarted { Timestamp = time.GetUtcNow(), InstanceId = InstanceId, Plan = request.Plan };
        Record(started);

        // The start and the first decision are one append; the reminder and the statistics follow it (as they followed the
        // start's own append before), and an activation that rebuilds the run repeats both.
        await DecideAndActAsync(async () =>
        {
            PlanFunctionsTelemetry.RunsStarted.Add(1);
            CountActive(true);
            LogStarted(logger, InstanceId, request.Plan.Name, request.Plan.Steps.Count);
            await WakeUps.KeepAliveAsync();
            await Statistics().RunStartedAsync(InstanceId);
        });
        return StartRunResult.Started;
    }

    public async Task<OrchestrationStatus?> GetStatusAsync(StatusQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Stored.IsLoaded && !Stored.IsRebuilding)
        {
            await ExclusiveAsync(() => Task.CompletedTask, refuseWhileRebuilding: false);
        }

        var run = Run;
        IReadOnlyList<RunEvent>? history = null;
        if (Stored.IsRebuilding)
        {
            // This activation lost track of storage (an append was refused) and waits to be collected: what is stored
            // answers, never "no such run" for a run that exists.
            history = await Stored.ReadHistoryAsync();
            run = Stored.RunOf(history);
        }

        if (run is null)
        {
            return null;
        }

        if (query.ShowHistory)
        {
            history ??= await Stored.ReadHistoryAsync();
        }

        return RunStatusDocument.Build(run, time.GetUtcNow(), query, _admitted, query.ShowHistory ? history : null);
    }

    public Task<ControlResult> RaiseEventAsync(RaiseEventRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ControlAsync(ControlRequest.RaiseEvent(request.EventName, request.Payload));
    }

    public Task<ControlResult> TerminateAsync(string? reason) => ControlAsync(ControlRequest.Terminate(reason));

    public Task<ControlResult> SuspendAsync(string? reason) => ControlAsync(ControlRequest.Suspend(reason));

    public Task<ControlResult> ResumeAsync(string? reason) => ControlAsync(ControlRequest.Resume(reason));

    public Task<ControlResult> PurgeAsync() => ControlAsync(ControlRequest.Purge());

    public Task<ControlResult> RewindAsync(string? reason) => ControlAsync(ControlRequest.Rewind(reason));

    /// <summary>Carries out what Core decides for a control request: the event to record, or the purge of an ended run.</summary>
    private Task<ControlResult> ControlAsync(ControlRequest request) => ExclusiveAsync(async () =>
    {
        var decision = RunControl.Decide(Run, request, time.GetUtcNow());
        if (decision.Result != ControlResult.Accepted)
        {
            return decision.Result;
        }

        if (request.Kind == ControlKind.Purge)
        {
            await Stored.DeleteHistoryAsync();
            await instanceStore.DeleteAsync(InstanceId);
            Stored.Forget();
            Publisher.ForgetIndexed();
            DeactivateOnIdle();
            return ControlResult.Accepted;
        }

        Record(decision.Event!);
        if (decision.Event is RunRewound rewound)
        {
            // The run is under way again: it queues for a place on this host, is reported ended again when it ends, and
            // the reminder and the statistics follow the rewind's append, as they follow a start's.
            _endReported = false;
            _admitted = false;
            _conditionsAsked.Clear();
            await DecideAndActAsync(async () =>
            {
                CountActive(true);
                LogRewound(logger, InstanceId, rewound.Reason);
                await WakeUps.KeepAliveAsync();
                await ReportUnderWayAsync(Run!);
            });
            return ControlResult.Accepted;
        }

        await DecideAndActAsync();
        return ControlResult.Accepted;
    });

    /// <summary>
    /// Tells the statistics the run is under way (idempotent): started, or for a rewound run reopened, which takes back
    /// the end it had been counted with.
    /// </summary>
    private Task ReportUnderWayAsync(PlanRun run) =>
        run.RewoundEnd is { } rewoundEnd ? Statistics().RunRewoundAsync(rewoundEnd) : Statistics().RunStartedAsync(InstanceId);

    public async Task ReportStepResultAsync(StepResultReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var delivered = _inbox.Add(report);
        _ = PumpResultsAsync();

        // Returns when the append holding the result is stored (or fails with it): only then may the activity stop trying.
        await delivered;
    }

    public Task ReportConditionAnswerAsync(ConditionAnswerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ExclusiveAsync(() => AnswerConditionAsync(report));
    }

    private async Task AnswerConditionAsync(ConditionAnswerReport report)
    {
        _conditionsAsked.Remove(report.StepId);
        if (Run is not { IsEnded: false } run || run.GetStep(report.StepId).Status != StepStatus.Pending)
        {
            return;
        }

        Record(new ConditionEvaluated { Timestamp = time.GetUtcNow(), StepId = report.StepId, Result = report.Holds, Explanation = report.Explanation });
        await DecideAndActAsync();
    }

    public Task WakeAsync() => ExclusiveAsync(WakeUpAsync);

    private async Task WakeUpAsync()
    {
        if (Run is { IsEnded: false })
        {
            await EnsureActivitiesAliveAsync();
            await DecideAndActAsync();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ExclusiveAsync(async () =>
    {
        var run = Run;
        if (run is null || run.IsEnded)
        {
            // An ended run keeps its reminder until the index shows how it ended.
            if (run is null || await TryPublishAsync(run))
            {
                await StopReminderAsync();
            }

            return;
        }

        await WakeUpAsync();
    });

    /// <summary>Runs work that changes the run, one at a time (<see cref="RunGate"/>), on the run loaded from storage.</summary>
    private Task<T> ExclusiveAsync<T>(Func<Task<T>> work, bool load = true) => _gate.RunAsync(async () =>
    {
        Stored.RefuseWhileRebuilding(_inbox);
        if (load && !Stored.IsLoaded)
        {
            await LoadAsync();
        }

        return await work();
    });

    private Task ExclusiveAsync(Func<Task> work, bool refuseWhileRebuilding = true) => _gate.RunAsync(async () =>
    {
        if (refuseWhileRebuilding)
        {
            Stored.RefuseWhileRebuilding(_inbox);
        }

        if (!Stored.IsLoaded && !Stored.IsRebuilding)
        {
            await LoadAsync();
        }

        await work();
    });

    /// <summary>Folds the queued step results into one append and one decision, unless another holder of the gate already did.</summary>
    private async Task PumpResultsAsync()
    {
        try
        {
            await ExclusiveAsync(async () =>
            {
                if (_inbox.HasPending)
                {
                    await DecideAndActAsync();
                }
            });
        }
        catch (Exception exception)
        {
            // Nobody awaits the pump: the results in a failed append were failed with it (their activities deliver again),
            // and a failure after the append (e.g. reporting the end) is only logged, as a result's caller would have logged it.
            LogPumpFailed(logger, exception, InstanceId);
        }
    }

    /// <summary>Records the queued step results; returns their acknowledgements, to be given once what was recorded is stored.</summary>
    private List<TaskCompletionSource> TakePendingResults()
    {
        var pending = _inbox.TakeAll();
        var taken = new List<TaskCompletionSource>(pending.Count);
        if (pending.Count == 0)
        {
            return taken;
        }

        var now = time.GetUtcNow();
        foreach (var (report, delivered) in pending)
        {
            taken.Add(delivered);
            if (Run is null || !Run.IsAwaiting(report.StepId, report.Attempt))
            {
                // Not awaited (or a repeat of one recorded in this batch): acknowledged with the batch, never before it is stored.
                LogStaleResult(logger, InstanceId, report.StepId, report.Attempt);
                continue;
            }

            Record(report.ToAttemptResult().ToEvent(report.StepId, report.Attempt, now, _options.MaxStepOutputBytes));
        }

        if (Stored.IsRebuilding)
        {
            // This activation lost track of storage: the activity must deliver again, to the activation that rebuilds the run.
            ResultInbox.Fail(taken, new InvalidOperationException($"Run '{InstanceId}' is being rebuilt from its history; deliver the result again."));
            taken.Clear();
        }

        return taken;
    }

    private void Record(RunEvent e) => Stored.Record(e);

    /// <summary>Appends what was recorded and what the decision concluded, in one write, before anything is carried out.</summary>
    private async Task PersistAsync(IReadOnlyList<RunEvent> decided)
    {
        try
        {
            var appended = await Stored.AppendAsync(decided);
            if (appended.Count > 0)
            {
                PlanFunctionsTelemetry.RecordSteps(RunStatistics.CountSteps(Run!, appended));
            }
        }
        catch (RunHistoryConflictException) when (!Stored.IsLoaded)
        {
            // A start that assumed a new instance id found a history: nothing was stored or carried out; the start reads it.
            admission.Release(InstanceId);
            _admitted = false;
            throw;
        }
        catch (Exception exception)
        {
            // The run in memory is now ahead of storage: drop this activation so that the next one rebuilds from what was stored.
            LogPersistFailed(logger, exception, InstanceId);
            CountActive(false);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Decides, appends what was recorded and decided in one write, acknowledges the step results it holds, runs
    /// <paramref name="afterAppend"/>, then carries out the commands. A run that the decision completes gets its
    /// <see cref="RunCompleted"/> in the same append.
    /// </summary>
    private async Task DecideAndActAsync(Func<Task>? afterAppend = null)
    {
        var results = TakePendingResults();
        var run = Run;
        if (run is null)
        {
            ResultInbox.Acknowledge(results);
            return;
        }

        if (run.HistoryLimitEvent(time.GetUtcNow()) is { } aborted)
        {
            Record(aborted);
        }

        // Over this host's limit of runs under way, a run waits as Pending: what was recorded is stored, nothing decided.
        var waiting = !run.IsEnded && !run.IsStopping && !(_admitted = _admitted || admission.TryAdmit(InstanceId));
        RunDecision? decision = null;
        try
        {
            if (waiting)
            {
                await PersistAsync([]);
            }
            else
            {
                decision = run.Decide(time.GetUtcNow());
                var completion = decision.Commands.OfType<CompleteRun>().FirstOrDefault();
                if (completion is not null && !run.IsEnded)
                {
                    var completed = await CompletionOfAsync(run, completion);
                    run.Apply(completed);
                    await PersistAsync([.. decision.Events, completed]);
                }
                else
                {
                    await PersistAsync(decision.Events);
                }
            }
        }
        catch (Exception exception)
        {
            ResultInbox.Fail(results, exception);
            throw;
        }

        ResultInbox.Acknowledge(results);
        if (afterAppend is not null)
        {
            await afterAppend();
        }

        if (decision is null)
        {
            // Waiting for a place: no decision, so no wake-up that would bring a late update.
            await PublishAsync(run, force: true);
            return;
        }

        var calls = new List<Task>();
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case DispatchStep dispatch:
                    calls.Add(DispatchAsync(run, dispatch));
                    break;
                case CancelAttempt cancel:
                    calls.Add(Activity(cancel.StepId, cancel.Attempt).CancelAsync(cancel.Reason));
                    break;
                case EvaluateAiCondition ask when _conditionsAsked.Add(ask.StepId):
                    _ = AskConditionAsync(ask);
                    break;
            }
        }

        await WhenAllLoggedAsync(calls);

        // However the run ended (completed, or terminated by a control event), its end is reported once here; the
        // metrics and the run span only by the activation that saw it end, never again when an ended run is loaded.
        if (run.IsEnded && !_endReported)
        {
            CountActive(false);
            PlanFunctionsTelemetry.RecordRunEnded(run.RuntimeStatus, (run.LastUpdatedTime - run.CreatedTime).TotalSeconds);
            RunTrace.RecordRun(run);
            await ReportEndAsync();
        }

        await PublishAsync(run);
        WakeUps.Schedule(run, decision.NextWakeUp, Publisher.MonitorDue);
    }

    private Task DispatchAsync(PlanRun run, DispatchStep dispatch)
    {
        LogDispatch(logger, InstanceId, dispatch.StepId, dispatch.Attempt, dispatch.Tool);
        return Activity(dispatch.StepId, dispatch.Attempt).StartAsync(new StepActivityRequest
        {
            InstanceId = InstanceId,
            StepId = dispatch.StepId,
            Attempt = dispatch.Attempt,
            Tool = dispatch.Tool,
            Parameters = dispatch.Parameters,
            Deadline = dispatch.Deadline,
            TraceParent = TraceParentOf(run),
        });
    }

    /// <summary>The run's trace context as a <c>traceparent</c>, derived (a hash) once per run and activation.</summary>
    private string TraceParentOf(PlanRun run)
    {
        if (_traceParent is not { } cached || cached.CreatedTime != run.CreatedTime)
        {
            cached = (run.CreatedTime, RunTrace.TraceParentOf(InstanceId, run.CreatedTime));
            _traceParent = cached;
        }

        return cached.Value;
    }

    private async Task<RunCompleted> CompletionOfAsync(PlanRun run, CompleteRun completion)
    {
        var request = RunCompletion.RequestFor(run, completion);
        string response;
        try
        {
            response = await assistant.WriteResponseAsync(request, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The fallback still explains a failed run: what failed, and what was skipped because of it.
            LogResponseFailed(logger, exception, InstanceId);
            response = RunCompletion.FallbackResponse(request);
        }

        return RunCompletion.Completed(completion, response, time.GetUtcNow());
    }

    private async Task ReportEndAsync()
    {
        var run = Run!;
        _endReported = true;
        admission.Release(InstanceId);
        LogEnded(logger, InstanceId, run.RuntimeStatus, run.Error);
        await Statistics().RunEndedAsync(RunStatistics.EndedReport(run));
        WakeUps.StopTimer();
        if (await TryPublishAsync(run))
        {
            await StopReminderAsync();
        }
    }

    /// <summary>Publishes the run's end; when the index refuses, the reminder stays and tries again.</summary>
    private async Task<bool> TryPublishAsync(PlanRun run)
    {
        try
        {
            await PublishAsync(run);
            return true;
        }
        catch (Exception exception)
        {
            LogIndexFailed(logger, exception, InstanceId, run.RuntimeStatus);
            return false;
        }
    }

    private Task PublishAsync(PlanRun run, bool force = false) => Publisher.PublishAsync(run, ShownStatus(run), force);

    /// <summary>The run's status as users see it: <c>Pending</c> while it waits for a place under this host's limit.</summary>
    private RuntimeStatus ShownStatus(PlanRun run) => RunStatusDocument.ShownStatus(run, _admitted);

    private async Task AskConditionAsync(EvaluateAiCondition ask)
    {
        AiConditionAnswer answer;
        try
        {
            answer = await assistant.EvaluateConditionAsync(ask, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Left unanswered: the next activation or reminder asks again.
            LogConditionFailed(logger, exception, InstanceId, ask.StepId);
            _conditionsAsked.Remove(ask.StepId);
            return;
        }

        await this.AsReference<IPlanOrchestratorGrain>().ReportConditionAnswerAsync(new ConditionAnswerReport(ask.StepId, answer.Holds, answer.Explanation));
    }

    /// <summary>
    /// Asks every activity this run waits for whether it still runs the attempt; one that does not know it
    /// (its host died) is started again: activities are at-least-once.
    /// </summary>
    private async Task EnsureActivitiesAliveAsync()
    {
        if (Run is not { IsEnded: false } run)
        {
            return;
        }

        WakeUps.ActivitiesChecked();
        var inFlight = run.RecoverInFlight();
        var checks = inFlight.Select(async command =>
        {
            switch (command)
            {
                case DispatchStep dispatch:
                    var state = await Activity(dispatch.StepId, dispatch.Attempt).GetStateAsync();
                    if (state != StepActivityState.Running && run.IsAwaiting(dispatch.StepId, dispatch.Attempt))
                    {
                        LogRedispatch(logger, InstanceId, dispatch.StepId, dispatch.Attempt, state);
                        await DispatchAsync(run, dispatch);
                    }

                    break;
                case EvaluateAiCondition ask when _conditionsAsked.Add(ask.StepId):
                    _ = AskConditionAsync(ask);
                    break;
            }
        });
        await WhenAllLoggedAsync(checks);
    }

    private Task OnTimerAsync(CancellationToken cancellationToken) => ExclusiveAsync(async () =>
    {
        WakeUps.TimerFired();
        if (WakeUps.IsActivityCheckDue)
        {
            await EnsureActivitiesAliveAsync();
        }

        await DecideAndActAsync();
    });

    private Task StopReminderAsync() => WakeUps.StopReminderAsync(exception => LogReminderFailed(logger, exception, InstanceId));

    /// <summary>Keeps <see cref="PlanFunctionsTelemetry.ActiveRuns"/> to the unfinished runs held by this host's activations.</summary>
    private void CountActive(bool active)
    {
        if (active != _countedActive)
        {
            _countedActive = active;
            PlanFunctionsTelemetry.ActiveRuns.Add(active ? 1 : -1);
        }
    }

    private async Task WhenAllLoggedAsync(IEnumerable<Task> calls)
    {
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception exception)
        {
            // A call to an activity that did not arrive is made again by the next liveness check.
            LogCallFailed(logger, exception, InstanceId);
        }
    }

    private IStepActivityGrain Activity(string stepId, int attempt) =>
        GrainReferences.Get<IStepActivityGrain>(GrainFactory, StepActivityRequest.KeyOf(InstanceId, stepId, attempt));

    private IExecutionStatisticsGrain Statistics() =>
        _statistics ??= GrainFactory.GetGrain<IExecutionStatisticsGrain>(StatisticsShard.Of(InstanceId, _options.StatisticsShards));

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorStarted, Level = LogLevel.Information, Message = "Run {InstanceId} started: plan '{PlanName}' with {StepCount} steps")]
    private static partial void LogStarted(ILogger logger, string instanceId, string planName, int stepCount);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorStartFoundHistory, Level = LogLevel.Information, Message = "Run {InstanceId}: a start found a stored history, which is read before the start is decided")]
    private static partial void LogStartFoundHistory(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorRebuilt, Level = LogLevel.Information, Message = "Run {InstanceId} rebuilt from {EventCount} events: {RuntimeStatus}")]
    private static partial void LogRebuilt(ILogger logger, string instanceId, int eventCount, RuntimeStatus runtimeStatus);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorEnded, Level = LogLevel.Information, Message = "Run {InstanceId} ended {RuntimeStatus}: {Error}")]
    private static partial void LogEnded(ILogger logger, string instanceId, RuntimeStatus runtimeStatus, string? error);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorDispatch, Level = LogLevel.Debug, Message = "Run {InstanceId} dispatches step {StepId} attempt {Attempt} ({Tool})")]
    private static partial void LogDispatch(ILogger logger, string instanceId, string stepId, int attempt, string tool);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorRedispatch, Level = LogLevel.Warning, Message = "Run {InstanceId} dispatches step {StepId} attempt {Attempt} again: its activity is {State}")]
    private static partial void LogRedispatch(ILogger logger, string instanceId, string stepId, int attempt, StepActivityState state);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorStaleResult, Level = LogLevel.Debug, Message = "Run {InstanceId} ignores a result for step {StepId} attempt {Attempt}: not awaited")]
    private static partial void LogStaleResult(ILogger logger, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorPersistFailed, Level = LogLevel.Error, Message = "Run {InstanceId} could not append to its history; it will be rebuilt from storage")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorPumpFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: deciding on queued step results failed")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorCallFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: a call to an activity failed; the liveness check repeats it")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorConditionFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: the AI condition of step {StepId} could not be evaluated; it is asked again later")]
    private static partial void LogConditionFailed(ILogger logger, Exception exception, string instanceId, string stepId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorResponseFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: the final response could not be written by the assistant; the plain response is used")]
    private static partial void LogResponseFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorIndexFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: the instance index could not be told it ended {RuntimeStatus}; its reminder tries again")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception, string instanceId, RuntimeStatus runtimeStatus);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorRewound, Level = LogLevel.Information, Message = "Run {InstanceId} was rewound: {Reason}")]
    private static partial void LogRewound(ILogger logger, string instanceId, string? reason);

    [LoggerMessage(EventId = LogEventIds.Runtime.OrchestratorReminderFailed, Level = LogLevel.Warning, Message = "Run {InstanceId}: its reminder could not be removed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string instanceId);

}
