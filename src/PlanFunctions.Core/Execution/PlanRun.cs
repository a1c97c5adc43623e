using System.Globalization;
using System.Text.Json;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Expressions;
using PlanFunctions.Core.Graph;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Retry;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Templates;
using PlanFunctions.Core.Tools;

namespace PlanFunctions.Core.Execution;

/// <summary>
/// One run of a plan as a pure state machine: its state is the fold of its events (<see cref="Apply"/>), and
/// <see cref="Decide"/> says, for a moment in time, what happens next. No I/O and no clock: time is an argument.
/// </summary>
/// <remarks>
/// Every transition costs time in proportion to the steps it touches, never to the plan's size: readiness is
/// kept as a count of unfinished dependencies per step, ready steps wait in a queue, and the times at which
/// attempts time out or retries are due wait in priority queues whose stale entries are dropped lazily.
/// </remarks>
public sealed partial class PlanRun
{
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private readonly int[] _statusCounts = new int[Enum.GetValues<StepStatus>().Length];
    private readonly Queue<int> _ready = new();
    private readonly PriorityQueue<RunTimer, DateTimeOffset> _attemptDeadlines = new();
    private readonly PriorityQueue<RunTimer, DateTimeOffset> _retriesDue = new();
    private readonly Dictionary<string, List<int>> _waitingForEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement?> _raisedEvents = new(StringComparer.Ordinal);
    private readonly List<CancelAttempt> _cancellations = [];

    private StepRunState[] _steps = [];
    private PlanGraph? _graph;
    private JsonElement? _planDocument;
    private RuntimeStatus? _stopStatus;
    private string? _stopError;
    private int _endedSteps;
    private int _lastDispatched = -1;
    private DateTimeOffset _deadlineStart;

    /// <summary>A run that has not started; the first event applied must be <see cref="RunStarted"/>.</summary>
    public PlanRun(PlanLimits? limits = null)
    {
        Limits = limits ?? PlanLimits.Default;
    }

    /// <summary>The limits in force (the template expansion limit).</summary>
    public PlanLimits Limits { get; }

    /// <summary>Whether <see cref="RunStarted"/> has been applied.</summary>
    public bool IsStarted => _graph is not null;

    /// <summary>The run's instance id.</summary>
    public string InstanceId { get; private set; } = string.Empty;

    /// <summary>The plan being run.</summary>
    public Plan Plan => Graph.Plan;

    /// <summary>The run's <c>runtimeStatus</c>.</summary>
    public RuntimeStatus RuntimeStatus { get; private set; } = RuntimeStatus.Pending;

    /// <summary>Whether the run has ended (Completed, Failed, Canceled or Terminated).</summary>
    public bool IsEnded { get; private set; }

    /// <summary>Whether the run is winding down (cancel, timeout, stop on failure) and only has to end.</summary>
    public bool IsStopping => _stopStatus is not null;

    /// <summary>Whether the run is suspended.</summary>
    public bool IsSuspended { get; private set; }

    /// <summary>Whether a <see cref="RunRewound"/> would take the run back: it has ended <c>Failed</c>.</summary>
    public bool IsRewindable => IsEnded && RuntimeStatus == RuntimeStatus.Failed;

    /// <summary>When the run was started.</summary>
    public DateTimeOffset CreatedTime { get; private set; }

    /// <summary>When the last event was applied.</summary>
    public DateTimeOffset LastUpdatedTime { get; private set; }

    /// <summary>The run's deadline, after any <c>extendTimeout</c>; a rewind sets a new one, the run's whole timeout from the rewind.</summary>
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>The number of events applied.</summary>
    public int EventCount { get; private set; }

    /// <summary>How often the run was rewound (<see cref="RunRewound"/>).</summary>
    public int Rewinds { get; private set; }

    /// <summary>
    /// The end that the last rewind took back, as the statistics counted it; <see langword="null"/> for a run never
    /// rewound. The statistics take it off their counters when the rewind reopens the run (<see cref="RunStatistics.RemoveEnded"/>).
    /// </summary>
    public RunEndedReport? RewoundEnd { get; private set; }

    /// <summary>Why the run did not succeed, once it has ended so.</summary>
    public string? Error { get; private set; }

    /// <summary>The final response, once recorded.</summary>
    public string? Response { get; private set; }

    /// <summary>The plan as the status document's <c>input</c> shows it, serialized once per run.</summary>
    public JsonElement PlanDocument => _planDocument ??= JsonSerializer.SerializeToElement(Plan, Serialization.PlanJson.Options);

    private PlanGraph Graph => _graph ?? throw new InvalidOperationException("The run has not started: the first event must be RunStarted.");

    /// <summary>Rebuilds a run from its history.</summary>
    public static PlanRun FromHistory(IEnumerable<RunEvent> history, PlanLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var run = new PlanRun(limits);
        foreach (var e in history)
        {
            run.Apply(e);
        }

        return run;
    }

    /// <summary>
    /// The event that stops a run whose history has reached <see cref="PlanLimits.MaxHistoryEvents"/>, to record before
    /// deciding; <see langword="null"/> while the run is below it, winding down or ended.
    /// </summary>
    public RunAborted? HistoryLimitEvent(DateTimeOffset now) =>
        IsStarted && !IsEnded && !IsStopping && EventCount >= Limits.MaxHistoryEvents
            ? new RunAborted
            {
                Timestamp = now,
                Reason = string.Create(CultureInfo.InvariantCulture, $"the run's history reached the limit of {Limits.MaxHistoryEvents} events (extensions:durableTask:MaxHistoryEvents)"),
            }
            : null;

    /// <summary>The tool a step of the plan calls.</summary>
    internal string ToolOf(string stepId) => Plan.Steps[Graph.IndexOf(stepId)].Tool;

    /// <summary>How a step stands now.</summary>
    public StepOutcome GetStep(string stepId)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        return Describe(_steps[Graph.IndexOf(stepId)]);
    }

    /// <summary>How many attempts of a step timed out.</summary>
    public int TimeoutsOf(string stepId)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        return _steps[Graph.IndexOf(stepId)].Timeouts;
    }

    /// <summary>How many steps have this status now.</summary>
    public int Count(StepStatus status) => _statusCounts[(int)status];

    /// <summary>Whether a result for this attempt of this step would be taken (it is the attempt under way).</summary>
    public bool IsAwaiting(string stepId, int attempt) =>
        IsStarted && !IsEnded && Graph.TryGetIndex(stepId, out var i)
        && _steps[i].Status == StepStatus.Running && _steps[i].Attempts == attempt;

    /// <summary>Folds one event into the run. Results for attempts the run no longer awaits are ignored.</summary>
    public void Apply(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (runEvent is RunStarted started)
        {
            Start(started);
            return;
        }

        _ = Graph;
        var rewind = runEvent is RunRewound && IsRewindable;
        if (rewind)
        {
            // Taken before the rewind's own timestamp moves LastUpdatedTime: the end as it was reported.
            RewoundEnd = RunStatistics.EndedReport(this);
        }

        EventCount++;
        if (runEvent.Timestamp > LastUpdatedTime)
        {
            LastUpdatedTime = runEvent.Timestamp;
        }

        if (IsEnded)
        {
            if (rewind)
            {
                Rewind(runEvent.Timestamp);
            }

            return;
        }

        var at = runEvent.Timestamp;
        switch (runEvent)
        {
            case StepDispatched e:
                OnDispatched(Graph.IndexOf(e.StepId), e.Attempt, e.Deadline, at);
                break;
            case StepSucceeded e when IsCurrentAttempt(e.StepId, e.Attempt, out var i):
                Succeed(i, e.Output, at);
                break;
            case StepFailed e when IsCurrentAttempt(e.StepId, e.Attempt, out var i):
                Fail(i, e.Error, e.Retryable, at);
                break;
            case StepTimedOut e when IsCurrentAttempt(e.StepId, e.Attempt, out var i):
                _steps[i].Timeouts++;
                // The attempt's own limit: a waitForEvent step's timeoutSeconds parameter may differ from the step's timeout.
                var limit = _steps[i].AttemptTimeoutSeconds ?? Plan.Steps[i].EffectiveTimeoutSeconds(Plan.Defaults);
                Fail(i, string.Create(CultureInfo.InvariantCulture, $"attempt {e.Attempt} timed out after {limit:0.###} s"), retryable: true, at);
                break;
            case StepSkipped e:
                var skipped = Graph.IndexOf(e.StepId);
                if (_steps[skipped].Status == StepStatus.Pending)
                {
                    _steps[skipped].Error = e.Reason;
                    End(skipped, StepStatus.Skipped, at);
                }

                break;
            case AiConditionRequested e:
                _steps[Graph.IndexOf(e.StepId)].Condition = StepConditionState.AiRequested;
                break;
            case ConditionEvaluated e:
                var evaluated = Graph.IndexOf(e.StepId);
                if (_steps[evaluated].Status == StepStatus.Pending)
                {
                    _steps[evaluated].Condition = e.Result ? StepConditionState.HeldTrue : StepConditionState.HeldFalse;
                    _ready.Enqueue(evaluated);
                }

                break;
            case EventRaised e:
                OnEventRaised(e.Name, e.Payload, at);
                break;
            case CancelRequested e:
                Stop(RuntimeStatus.Canceled, e.Reason is { Length: > 0 } ? $"the run was canceled: {e.Reason}" : "the run was canceled", "canceled", at);
                break;
            case TerminateRequested e:
                Stop(RuntimeStatus.Terminated, e.Reason is { Length: > 0 } ? $"the run was terminated: {e.Reason}" : "the run was terminated", "terminated", at);
                EndRun(RuntimeStatus.Terminated, _stopError, response: null);
                break;
            case SuspendRequested:
                if (_stopStatus is null)
                {
                    IsSuspended = true;
                    RuntimeStatus = RuntimeStatus.Suspended;
                }

                break;
            case ResumeRequested:
                if (IsSuspended)
                {
                    IsSuspended = false;
                    RuntimeStatus = RuntimeStatus.Running;
                }

                break;
            case TimeoutExtended e:
                Deadline += TimeSpan.FromSeconds(e.Seconds);
                break;
            case RunTimedOut:
                var allowed = (Deadline - _deadlineStart).TotalSeconds;
                Stop(RuntimeStatus.Failed, string.Create(CultureInfo.InvariantCulture, $"the run timed out: its deadline of {allowed:0.###} s passed"), "the run timed out", at);
                break;
            case RunAborted e:
                Stop(RuntimeStatus.Failed, e.Reason, "the run was stopped", at);
                break;
            case RunCompleted e:
                EndRun(e.RuntimeStatus, e.Error, e.Response);
                break;
        }
    }

    /// <summary>
    /// Says what happens next at <paramref name="now"/>: the events concluded (already applied: persist them
    /// before carrying out the commands) and the commands. Deciding again at the same moment with nothing new
    /// applied concludes nothing new, except a pending <see cref="CompleteRun"/>, which stands until
    /// <see cref="RunCompleted"/> is applied.
    /// </summary>
    public RunDecision Decide(DateTimeOffset now)
    {
        _ = Graph;
        var events = new List<RunEvent>();
        var commands = new List<RunCommand>();

        void Record(RunEvent e)
        {
            Apply(e);
            events.Add(e);
        }

        if (!IsEnded)
        {
            if (_stopStatus is null && _endedSteps < _steps.Length && now >= Deadline)
            {
                Record(new RunTimedOut { Timestamp = now });
            }

            TakeCancellations(commands);
            while (_attemptDeadlines.TryPeek(out var timer, out var due) && due <= now)
            {
                _attemptDeadlines.Dequeue();
                var step = _steps[timer.StepIndex];
                if (step.Status == StepStatus.Running && step.Attempts == timer.Attempt && step.AttemptDeadline == due)
                {
                    var id = Plan.Steps[timer.StepIndex].Id;
                    Record(new StepTimedOut { Timestamp = now, StepId = id, Attempt = timer.Attempt });
                    if (!IsEngineCarried(timer.StepIndex))
                    {
                        commands.Add(new CancelAttempt { StepId = id, Attempt = timer.Attempt, Reason = "the attempt timed out" });
                    }

                    TakeCancellations(commands);
                }
            }

            while (!IsSuspended && _stopStatus is null && _retriesDue.TryPeek(out var timer, out var due) && due <= now)
            {
                _retriesDue.Dequeue();
                var step = _steps[timer.StepIndex];
                if (step.Status == StepStatus.WaitingToRetry && step.Attempts == timer.Attempt && step.NextAttemptTime == due)
                {
                    Dispatch(timer.StepIndex, now, Record, commands);
                }
            }

            while (!IsSuspended && _stopStatus is null && _ready.TryDequeue(out var index))
            {
                Advance(index, now, Record, commands);
                TakeCancellations(commands);
            }

            TakeCancellations(commands);
            if (_endedSteps == _steps.Length)
            {
                commands.Add(new CompleteRun { RuntimeStatus = FinalStatus(), Error = FinalError() });
            }
        }
        else
        {
            TakeCancellations(commands);
        }

        return new RunDecision(events, commands, NextWakeUp());
    }

    /// <summary>
    /// The commands that must be carried out again after the run was rebuilt from storage: every attempt that
    /// was under way (at-least-once, as Durable Functions' activities) and every AI condition still unanswered.
    /// </summary>
    public IReadOnlyList<RunCommand> RecoverInFlight()
    {
        var commands = new List<RunCommand>();
        if (!IsStarted || IsEnded)
        {
            return commands;
        }

        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i];
            if (step.Status == StepStatus.Running && !IsEngineCarried(i))
            {
                var rendered = ParameterTemplates.Render(ParametersOf(i), new RunPathValues(this), Limits.MaxTemplateExpansionChars);
                if (rendered.Succeeded)
                {
                    commands.Add(new DispatchStep
                    {
                        StepId = Plan.Steps[i].Id,
                        Attempt = step.Attempts,
                        Tool = Plan.Steps[i].Tool,
                        Parameters = rendered.Value,
                        Deadline = step.AttemptDeadline!.Value,
                    });
                }
            }
            else if (step.Status == StepStatus.Pending && step.Condition == StepConditionState.AiRequested)
            {
                commands.Add(AskCondition(i));
            }
        }

        return commands;
    }

    /// <summary>The run's ExecutionProgress at <paramref name="now"/>.</summary>
    public ExecutionProgress GetProgress(DateTimeOffset now)
    {
        var end = IsEnded ? LastUpdatedTime : now;
        var current = _lastDispatched >= 0 && _steps[_lastDispatched].Status == StepStatus.Running
            ? Plan.Steps[_lastDispatched].Id
            : null;
        return new ExecutionProgress
        {
            PlanId = InstanceId,
            CurrentStep = current,
            TotalSteps = _steps.Length,
            CompletedSteps = Count(StepStatus.Succeeded),
            FailedSteps = Count(StepStatus.Failed),
            SkippedSteps = Count(StepStatus.Skipped),
            CancelledSteps = Count(StepStatus.Cancelled),
            Status = RuntimeStatus,
            ElapsedSeconds = IsStarted ? Math.Max(0, (end - CreatedTime).TotalSeconds) : 0,
            RemainingSeconds = IsStarted && !IsEnded ? Math.Max(0, (Deadline - now).TotalSeconds) : 0,
        };
    }

    /// <summary>The run's output once it has ended; <see langword="null"/> before.</summary>
    public RunOutput? GetOutput()
    {
        if (!IsEnded)
        {
            return null;
        }

        var steps = new Dictionary<string, StepOutcome>(_steps.Length, StringComparer.Ordinal);
        for (var i = 0; i < _steps.Length; i++)
        {
            steps[Plan.Steps[i].Id] = Describe(_steps[i]);
        }

        return new RunOutput
        {
            Outcome = RuntimeStatus == RuntimeStatus.Completed ? RunOutcome.Succeeded
                : Count(StepStatus.Succeeded) > 0 ? RunOutcome.PartiallySucceeded : RunOutcome.Failed,
            Steps = steps,
            // A run ended without a response (terminated, or recorded by a driver without an assistant) shows what the
            // engines write without a model: every engine's view and Core's own agree.
            Response = Response ?? Completion.RunCompletion.FallbackResponse(Completion.RunCompletion.RequestFor(this)),
            Error = Error,
        };
    }

    /// <summary>
    /// The final response written without AI: what the run was for, how it ended and what each step gave.
    /// Deterministic, so the same run always gives the same text.
    /// </summary>
    public string PlainResponse()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan '{Plan.Name}'");
        if (Plan.Goal is { Length: > 0 } goal)
        {
            text.Append(CultureInfo.InvariantCulture, $" (goal: {goal})");
        }

        var status = IsEnded ? RuntimeStatus : FinalStatus();
        text.Append(CultureInfo.InvariantCulture, $" ended {status}: {Count(StepStatus.Succeeded)} of {_steps.Length} steps succeeded");
        AppendCount(text, StepStatus.Failed, "failed");
        AppendCount(text, StepStatus.Skipped, "skipped");
        AppendCount(text, StepStatus.Cancelled, "cancelled");
        text.Append('.');
        var error = IsEnded ? Error : FinalError();
        if (error is not null)
        {
            text.Append(' ').Append(error).Append('.');
        }

        return text.ToString();
    }

    internal bool TryGetStepState(string stepId, out StepRunState state)
    {
        if (IsStarted && Graph.TryGetIndex(stepId, out var index))
        {
            state = _steps[index];
            return true;
        }

        state = null!;
        return false;
    }

    private void AppendCount(System.Text.StringBuilder text, StepStatus status, string word)
    {
        if (Count(status) > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {Count(status)} {word}");
        }
    }

    private void Start(RunStarted started)
    {
        if (IsStarted)
        {
            throw new InvalidOperationException($"Run '{InstanceId}' has already started; RunStarted comes once.");
        }

        _graph = PlanGraph.Build(started.Plan);
        InstanceId = started.InstanceId;
        CreatedTime = LastUpdatedTime = _deadlineStart = started.Timestamp;
        Deadline = started.Timestamp + TimeSpan.FromSeconds(started.Plan.EffectiveTimeoutSeconds);
        RuntimeStatus = RuntimeStatus.Running;
        EventCount = 1;
        _steps = new StepRunState[_graph.Count];
        for (var i = 0; i < _steps.Length; i++)
        {
            _steps[i] = new StepRunState { RemainingDependencies = _graph.DependenciesOf(i).Count };
            if (_steps[i].RemainingDependencies == 0)
            {
                _ready.Enqueue(i);
            }
        }

        _statusCounts[(int)StepStatus.Pending] = _steps.Length;
    }

    private bool IsCurrentAttempt(string stepId, int attempt, out int index) =>
        Graph.TryGetIndex(stepId, out index) && _steps[index].Status == StepStatus.Running && _steps[index].Attempts == attempt;

    private bool IsEngineCarried(int index) => Plan.Steps[index].Tool == BuiltInToolNames.WaitForEvent;

    private JsonElement ParametersOf(int index) => Plan.Steps[index].Parameters ?? EmptyObject;

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    private void SetStatus(int index, StepStatus status)
    {
        var step = _steps[index];
        _statusCounts[(int)step.Status]--;
        _statusCounts[(int)status]++;
        step.Status = status;
    }

    private void OnDispatched(int index, int attempt, DateTimeOffset deadline, DateTimeOffset at)
    {
        var step = _steps[index];
        if (step.IsEnded || step.Status == StepStatus.Running)
        {
            return;
        }

        SetStatus(index, StepStatus.Running);
        step.Attempts = attempt;
        step.StartedTime ??= at;
        step.AttemptDeadline = deadline;
        step.AttemptTimeoutSeconds = (deadline - at).TotalSeconds;
        step.NextAttemptTime = null;
        _lastDispatched = index;
        _attemptDeadlines.Enqueue(new RunTimer(index, attempt), deadline);

        if (IsEngineCarried(index))
        {
            var name = EventNameOf(index);
            if (_raisedEvents.TryGetValue(name, out var payload))
            {
                Succeed(index, payload ?? NullElement, at);
            }
            else
            {
                step.WaitingForEvent = name;
                if (!_waitingForEvent.TryGetValue(name, out var waiting))
                {
                    _waitingForEvent[name] = waiting = [];
                }

                waiting.Add(index);
            }
        }
    }

    private string EventNameOf(int index) => WaitForEventStep.EventNameOf(Plan.Steps[index].Parameters);

    private void OnEventRaised(string name, JsonElement? payload, DateTimeOffset at)
    {
        _raisedEvents[name] = payload;
        if (_waitingForEvent.Remove(name, out var waiting))
        {
            foreach (var index in waiting)
            {
                if (_steps[index].Status == StepStatus.Running && _steps[index].WaitingForEvent == name)
                {
                    Succeed(index, payload ?? NullElement, at);
                }
            }
        }
    }

    private void Succeed(int index, JsonElement output, DateTimeOffset at)
    {
        var step = _steps[index];
        step.Output = output;
        step.Error = null;
        End(index, StepStatus.Succeeded, at);
    }

    private void Fail(int index, string error, bool retryable, DateTimeOffset at)
    {
        var step = _steps[index];
        step.Error = error;
        step.WaitingForEvent = null;
        var planStep = Plan.Steps[index];
        if (retryable && _stopStatus is null
            && RetryCalculator.NextAttemptTime(planStep.EffectiveRetry(Plan.Defaults), step.Attempts - step.AttemptsBeforeRewind, at, step.StartedTime ?? at) is { } next)
        {
            SetStatus(index, StepStatus.WaitingToRetry);
            step.NextAttemptTime = next;
            step.AttemptDeadline = null;
            _retriesDue.Enqueue(new RunTimer(index, step.Attempts), next);
            return;
        }

        End(index, StepStatus.Failed, at);
        if (planStep.EffectiveStopOnFailure(Plan.Defaults) && _stopStatus is null)
        {
            Stop(RuntimeStatus.Failed, $"step '{planStep.Id}' failed and has stopOnFailure: {error}", $"step '{planStep.Id}' failed and has stopOnFailure", at);
        }
    }

    private void End(int index, StepStatus status, DateTimeOffset at)
    {
        var step = _steps[index];
        SetStatus(index, status);
        step.CompletedTime = at;
        step.AttemptDeadline = null;
        step.NextAttemptTime = null;
        step.WaitingForEvent = null;
        _endedSteps++;
        foreach (var dependent in Graph.DependentsOf(index))
        {
            if (--_steps[dependent].RemainingDependencies == 0)
            {
                _ready.Enqueue(dependent);
            }
        }
    }

    private void Stop(RuntimeStatus status, string error, string stepReason, DateTimeOffset at)
    {
        if (_stopStatus is not null)
        {
            return;
        }

        _stopStatus = status;
        _stopError = error;
        IsSuspended = false;
        if (RuntimeStatus == RuntimeStatus.Suspended)
        {
            RuntimeStatus = RuntimeStatus.Running;
        }

        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i];
            if (step.IsEnded)
            {
                continue;
            }

            if (step.Status == StepStatus.Running && !IsEngineCarried(i))
            {
                _cancellations.Add(new CancelAttempt { StepId = Plan.Steps[i].Id, Attempt = step.Attempts, Reason = stepReason });
            }

            step.Error = step.Error is null ? $"cancelled: {stepReason}" : $"cancelled: {stepReason} (last error: {step.Error})";
            End(i, StepStatus.Cancelled, at);
        }
    }

    private void EndRun(RuntimeStatus status, string? error, string? response)
    {
        IsEnded = true;
        IsSuspended = false;
        RuntimeStatus = status;
        Error = error;
        Response = response;
        _ready.Clear();
        _attemptDeadlines.Clear();
        _retriesDue.Clear();
        _waitingForEvent.Clear();
    }

    /// <summary>
    /// Takes an ended <c>Failed</c> run back to <c>Running</c>: every failed or cancelled step, and every skipped step
    /// with a dependency among those (in topological order, so transitively), goes back to <c>Pending</c>; a step skipped
    /// by its condition over steps that are kept stays skipped, as its condition would hold the same again. Each reopened
    /// step keeps its attempt count (its next attempt goes on from it), and its retry policy starts over.
    /// </summary>
    private void Rewind(DateTimeOffset at)
    {
        var reopened = new bool[_steps.Length];
        foreach (var index in Graph.TopologicalOrder() ?? Enumerable.Range(0, _steps.Length).ToList())
        {
            var step = _steps[index];
            var afterReopened = Graph.DependenciesOf(index).Any(d => reopened[d]);
            reopened[index] = step.Status switch
            {
                StepStatus.Succeeded => false,
                StepStatus.Skipped => afterReopened,
                _ => true,
            };
            if (!reopened[index])
            {
                continue;
            }

            if (step.IsEnded)
            {
                _endedSteps--;
            }

            SetStatus(index, StepStatus.Pending);
            step.AttemptsBeforeRewind = step.Attempts;
            step.Output = null;
            step.Error = null;
            step.StartedTime = null;
            step.CompletedTime = null;
            step.AttemptDeadline = null;
            step.NextAttemptTime = null;
            step.WaitingForEvent = null;
            if (afterReopened || step.Condition == StepConditionState.AiRequested)
            {
                // Its condition reads steps that run again: it is evaluated again once they have ended.
                step.Condition = StepConditionState.NotEvaluated;
                step.ParsedCondition = null;
            }
        }

        for (var i = 0; i < _steps.Length; i++)
        {
            // Kept steps too: the count stays "dependencies not ended", and a kept step is never advanced again.
            _steps[i].RemainingDependencies = Graph.DependenciesOf(i).Count(d => reopened[d]);
            if (reopened[i] && _steps[i].RemainingDependencies == 0)
            {
                _ready.Enqueue(i);
            }
        }

        Rewinds++;
        IsEnded = false;
        IsSuspended = false;
        RuntimeStatus = RuntimeStatus.Running;
        Error = null;
        Response = null;
        _stopStatus = null;
        _stopError = null;
        _deadlineStart = at;
        Deadline = at + TimeSpan.FromSeconds(Plan.EffectiveTimeoutSeconds);
    }

    private void TakeCancellations(List<RunCommand> commands)
    {
        if (_cancellations.Count > 0)
        {
            commands.AddRange(_cancellations);
            _cancellations.Clear();
        }
    }

    private RuntimeStatus FinalStatus() => _stopStatus ?? (Count(StepStatus.Failed) > 0 ? RuntimeStatus.Failed : RuntimeStatus.Completed);

    private string? FinalError()
    {
        if (_stopError is not null)
        {
            return _stopError;
        }

        var failed = Count(StepStatus.Failed);
        if (failed == 0)
        {
            return null;
        }

        var names = new List<string>();
        for (var i = 0; i < _steps.Length && names.Count < 10; i++)
        {
            if (_steps[i].Status == StepStatus.Failed)
            {
                names.Add(failed == 1 ? $"step '{Plan.Steps[i].Id}' failed: {_steps[i].Error}" : Plan.Steps[i].Id);
            }
        }

        return failed == 1 ? names[0] : $"{failed} steps failed: {string.Join(", ", names)}{(failed > names.Count ? ", ..." : string.Empty)}";
    }

    private DateTimeOffset? NextWakeUp()
    {
        if (IsEnded)
        {
            return null;
        }

        DateTimeOffset? next = _stopStatus is null && _endedSteps < _steps.Length ? Deadline : null;
        if (PeekValid(_attemptDeadlines, s => s.Status == StepStatus.Running, s => s.AttemptDeadline) is { } deadline && (next is null || deadline < next))
        {
            next = deadline;
        }

        if (!IsSuspended && PeekValid(_retriesDue, s => s.Status == StepStatus.WaitingToRetry, s => s.NextAttemptTime) is { } retry && (next is null || retry < next))
        {
            next = retry;
        }

        return next;
    }

    private DateTimeOffset? PeekValid(PriorityQueue<RunTimer, DateTimeOffset> timers, Func<StepRunState, bool> inState, Func<StepRunState, DateTimeOffset?> dueOf)
    {
        while (timers.TryPeek(out var timer, out var due))
        {
            var step = _steps[timer.StepIndex];
            if (inState(step) && step.Attempts == timer.Attempt && dueOf(step) == due)
            {
                return due;
            }

            timers.Dequeue();
        }

        return null;
    }

    private void Advance(int index, DateTimeOffset now, Action<RunEvent> record, List<RunCommand> commands)
    {
        var step = _steps[index];
        if (step.Status != StepStatus.Pending || step.RemainingDependencies > 0 || step.Condition == StepConditionState.AiRequested)
        {
            return;
        }

        var planStep = Plan.Steps[index];
        if (step.Condition == StepConditionState.NotEvaluated)
        {
            var blocking = FirstUnreadFailedDependency(index);
            if (blocking >= 0)
            {
                var dependency = Plan.Steps[blocking].Id;
                record(new StepSkipped { Timestamp = now, StepId = planStep.Id, Reason = $"dependency '{dependency}' ended {_steps[blocking].Status}" });
                return;
            }

            if (planStep.Condition is { } condition)
            {
                if (condition.IsAi)
                {
                    record(new AiConditionRequested { Timestamp = now, StepId = planStep.Id });
                    commands.Add(AskCondition(index));
                    return;
                }

                var holds = ParseCondition(index) is { } expression && expression.Evaluate(new RunPathValues(this));
                record(new ConditionEvaluated { Timestamp = now, StepId = planStep.Id, Result = holds });
                return;
            }
        }

        if (step.Condition == StepConditionState.HeldFalse)
        {
            var reason = planStep.Condition?.IsAi == true
                ? $"AI condition was answered no: {planStep.Condition.AiQuestion}"
                : $"condition was false: {planStep.Condition?.Expression}";
            record(new StepSkipped { Timestamp = now, StepId = planStep.Id, Reason = reason });
            return;
        }

        Dispatch(index, now, record, commands);
    }

    private void Dispatch(int index, DateTimeOffset now, Action<RunEvent> record, List<RunCommand> commands)
    {
        var step = _steps[index];
        var planStep = Plan.Steps[index];
        var attempt = step.Attempts + 1;
        var rendered = ParameterTemplates.Render(ParametersOf(index), new RunPathValues(this), Limits.MaxTemplateExpansionChars);
        var timeout = planStep.EffectiveTimeoutSeconds(Plan.Defaults);
        if (IsEngineCarried(index) && rendered.Succeeded && rendered.Value.ValueKind == JsonValueKind.Object
            && rendered.Value.TryGetProperty("timeoutSeconds", out var waitTimeout) && waitTimeout.TryGetDouble(out var seconds) && seconds > 0)
        {
            timeout = seconds;
        }

        var deadline = now + TimeSpan.FromSeconds(timeout);
        record(new StepDispatched { Timestamp = now, StepId = planStep.Id, Attempt = attempt, Deadline = deadline });
        if (!rendered.Succeeded)
        {
            record(new StepFailed { Timestamp = now, StepId = planStep.Id, Attempt = attempt, Error = rendered.Error!, Retryable = false });
            return;
        }

        if (!IsEngineCarried(index) && _steps[index].Status == StepStatus.Running)
        {
            commands.Add(new DispatchStep { StepId = planStep.Id, Attempt = attempt, Tool = planStep.Tool, Parameters = rendered.Value, Deadline = deadline });
        }
    }

    private EvaluateAiCondition AskCondition(int index)
    {
        var outputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var dependency in Graph.DependenciesOf(index))
        {
            if (_steps[dependency].Status == StepStatus.Succeeded && _steps[dependency].Output is { } output)
            {
                outputs[Plan.Steps[dependency].Id] = output;
            }
        }

        return new EvaluateAiCondition
        {
            StepId = Plan.Steps[index].Id,
            Question = Plan.Steps[index].Condition!.AiQuestion!,
            Goal = Plan.Goal,
            DependencyOutputs = outputs,
        };
    }

    /// <summary>
    /// The first direct dependency that did not succeed and whose status the step's condition does not read,
    /// or -1. A step whose condition reads a dependency's status lets the condition decide.
    /// </summary>
    private int FirstUnreadFailedDependency(int index)
    {
        foreach (var dependency in Graph.DependenciesOf(index))
        {
            if (_steps[dependency].Status == StepStatus.Succeeded)
            {
                continue;
            }

            var id = Plan.Steps[dependency].Id;
            var readsStatus = Plan.Steps[index].Condition is { IsAi: false } && ParseCondition(index) is { } expression
                && expression.Paths.Any(p => p.StepId == id && p.Segments.Count == 3 && p.Segments[2].Name == "status");
            if (!readsStatus)
            {
                return dependency;
            }
        }

        return -1;
    }

    private ConditionExpression? ParseCondition(int index)
    {
        var step = _steps[index];
        if (step.ParsedCondition is null && Plan.Steps[index].Condition?.Expression is { } text
            && ConditionExpression.TryParse(text, out var expression, out _))
        {
            step.ParsedCondition = expression;
        }

        return step.ParsedCondition;
    }

    private static StepOutcome Describe(StepRunState step) => new()
    {
        Status = step.Status,
        Attempts = step.Attempts,
        Output = step.Output,
        Error = step.Error,
        StartedTime = step.StartedTime,
        CompletedTime = step.CompletedTime,
    };
}
