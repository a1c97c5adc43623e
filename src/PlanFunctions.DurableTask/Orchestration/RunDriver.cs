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
    private static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(1);

    // An AI condition is a question to a model: asked again with durable back-off, then the run stops saying why.
    private static readonly TaskOptions ConditionRetry = TaskOptions.FromRetryPolicy(
        new DurableRetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    private readonly TaskOrchestrationContext _context;
    private readonly RunPlanInput _input;
    private readonly List<RunEvent> _events;
    private readonly PlanRun _run;
    private readonly Dictionary<Task, InFlight> _inFlight = [];
    private readonly Dictionary<string, Task<JsonElement?>> _listeners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsAsked = new(StringComparer.Ordinal);
    private readonly bool _fresh;
    private readonly RunTelemetry _telemetry;
    private Task? _timer;
    private DateTimeOffset _timerDue;
    private CancellationTokenSource? _timerCancel;
    private RuntimeStatus? _monitoredStatus;
    private DateTimeOffset _monitoredAt;
    private int _turns;

    public RunDriver(TaskOrchestrationContext context, RunPlanInput input)
    {
        _context = context;
        _input = input;
        var limits = input.MaxTemplateExpansionChars > 0
            ? PlanLimits.Default with { MaxTemplateExpansionChars = input.MaxTemplateExpansionChars }
            : PlanLimits.Default;
        _fresh = input.Events is not { Count: > 0 };
        if (_fresh)
        {
            _run = new PlanRun(limits);
            var started = new RunStarted { Timestamp = Now, InstanceId = context.InstanceId, Plan = input.Plan };
            _run.Apply(started);
            _events = [started];
        }
        else
        {
            _run = PlanRun.FromHistory(input.Events!, limits);
            _events = [.. input.Events!];
        }

        _telemetry = new RunTelemetry(context, _fresh ? 0 : input.Events!.Count);
    }

    private DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc), TimeSpan.Zero);

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

        Listen(RunEventNames.Cancel);
        Listen(RunEventNames.ExtendTimeout);
        Listen(RunEventNames.Terminate);
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
            var decision = _run.Decide(Now);
            _events.AddRange(decision.Events);
            _telemetry.Observe(_run, _events);
            if (_run.IsEnded)
            {
                break;
            }

            var completion = decision.Commands.OfType<CompleteRun>().FirstOrDefault();
            if (completion is null && _turns >= TurnsPerGeneration && _inFlight.Count == 0)
            {
                // Nothing in flight: the next generation re-issues what this decision dispatched (RecoverInFlight).
                Publish(force: true);

                // An open durable timer would hold the execution open (DurableTask.Core ends it only without open tasks).
                _timerCancel?.Cancel();
                _context.ContinueAsNew(_input with { Events = _events }, preserveUnprocessedEvents: true);
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

        _timerCancel?.Cancel();
        await EndAsync();
        return _run.GetOutput();
    }

    /// <summary>The event names of the plan's <c>waitForEvent</c> steps, as Core reads them.</summary>
    private static IEnumerable<string> WaitForEventNames(Plan plan) => plan.Steps
        .Where(s => s.Tool == BuiltInToolNames.WaitForEvent)
        .Select(s => s.Parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("eventName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty)
        .Where(n => n.Length > 0 && n is not (RunEventNames.Cancel or RunEventNames.ExtendTimeout or RunEventNames.Terminate))
        .Distinct(StringComparer.Ordinal);

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
            case DispatchStep dispatch:
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

        var tasks = new List<Task>(_inFlight.Count + _listeners.Count + 1);
        tasks.AddRange(_inFlight.Keys);
        tasks.AddRange(_listeners.Values);
        if (_timer is not null)
        {
            tasks.Add(_timer);
        }

        var winner = await Task.WhenAny(tasks);
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

        var maxOutputBytes = _input.MaxStepOutputBytes > 0 ? _input.MaxStepOutputBytes : PlanLimits.Default.MaxStepOutputBytes;
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
        var request = name == RunEventNames.Terminate
            ? ControlRequest.Terminate(RunControl.ReasonOf(body))
            : ControlRequest.RaiseEvent(name, body);

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

    /// <summary>Shows the progress as the custom status, and tells the monitor entity on a change of status or at most every second.</summary>
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
        }
    }

    private async Task EndAsync()
    {
        _telemetry.Observe(_run, _events);
        var progress = _run.GetProgress(Now);
        _context.SetCustomStatus(progress);
        await _context.Entities.SignalEntityAsync(new EntityInstanceId(PlanFunctionsTaskNames.PlanMonitor, _context.InstanceId), nameof(PlanMonitorEntity.Update), progress);
        await _context.Entities.SignalEntityAsync(StatisticsShard, nameof(ExecutionStatisticsEntity.RunEnded), RunStatistics.EndedReport(_run));
    }

    private sealed record InFlight(string StepId, int Attempt, bool IsCondition, DateTimeOffset? Deadline);
}
