using System.Text.Json;
using System.Text.Json.Nodes;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// Drives a <see cref="PlanRun"/> of a <see cref="RunCase"/> through simulated time as the runtime does (decide,
/// record, carry out the commands, deliver results when due, wake up when asked), and sends the case's control
/// events at their exact moments. Unlike <see cref="RunSimulator"/> it can start from a rebuilt run, as a host
/// does after a crash.
/// </summary>
internal sealed class ScriptedRun
{
    /// <summary>When every generated run starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly RunCase _case;
    private readonly Dictionary<(string Step, int Attempt), (DateTimeOffset Due, AttemptScript Answer)> _inFlight = [];
    private readonly Queue<ControlAt> _controls;

    public ScriptedRun(RunCase runCase)
        : this(runCase, new PlanRun(), [], Start)
    {
        Record(new RunStarted { Timestamp = Start, InstanceId = "property-run", Plan = runCase.Plan });
    }

    private ScriptedRun(RunCase runCase, PlanRun run, List<RunEvent> history, DateTimeOffset now)
    {
        _case = runCase;
        Run = run;
        History = history;
        Now = now;
        _controls = new Queue<ControlAt>(runCase.Controls.Where(c => Start.AddSeconds(c.AtSeconds) >= now));
    }

    public PlanRun Run { get; }

    public List<RunEvent> History { get; }

    public List<RunCommand> Commands { get; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Rounds of deciding so far.</summary>
    public int Rounds { get; private set; }

    /// <summary>Called after every decision, to check what must hold at every moment.</summary>
    public Action<PlanRun>? AfterEachDecision { get; init; }

    /// <summary>
    /// A host that crashed after persisting <paramref name="persisted"/> starts again: it rebuilds the run from
    /// the history, re-dispatches what was in flight, and carries on with the controls not yet sent.
    /// </summary>
    public static ScriptedRun Recover(RunCase runCase, IReadOnlyList<RunEvent> persisted)
    {
        var run = PlanRun.FromHistory(persisted);
        var recovered = new ScriptedRun(runCase, run, [.. persisted], persisted.Max(e => e.Timestamp));
        recovered.CarryOut(run.RecoverInFlight());
        return recovered;
    }

    /// <summary>Drives the run until it ends or nothing more can happen; throws past <paramref name="maxRounds"/>.</summary>
    public ScriptedRun RunToEnd(int maxRounds = 20_000)
    {
        while (!Run.IsEnded)
        {
            if (++Rounds > maxRounds)
            {
                throw new InvalidOperationException($"the run did not end within {maxRounds} rounds (now {Now:O}, {History.Count} events)");
            }

            var decision = Run.Decide(Now);
            History.AddRange(decision.Events);
            var answeredInline = CarryOut(decision.Commands);
            AfterEachDecision?.Invoke(Run);
            if (Run.IsEnded || answeredInline)
            {
                continue;
            }

            var next = decision.NextWakeUp ?? DateTimeOffset.MaxValue;
            foreach (var (due, _) in _inFlight.Values)
            {
                next = due < next ? due : next;
            }

            if (_controls.TryPeek(out var control) && Start.AddSeconds(control.AtSeconds) < next)
            {
                next = Start.AddSeconds(control.AtSeconds);
            }

            if (next == DateTimeOffset.MaxValue)
            {
                return this;
            }

            Now = next > Now ? next : Now;
            DeliverDueResults();
            SendDueControls();
        }

        return this;
    }

    /// <summary>Rewinds the run a minute after it ended (it must have ended Failed), as a user does after a fix.</summary>
    public ScriptedRun Rewind(string reason)
    {
        Now = Now.AddMinutes(1);
        Record(new RunRewound { Timestamp = Now, Reason = reason });
        return this;
    }

    private void Record(RunEvent e)
    {
        Run.Apply(e);
        History.Add(e);
    }

    private bool CarryOut(IEnumerable<RunCommand> commands)
    {
        var answeredInline = false;
        foreach (var command in commands)
        {
            Commands.Add(command);
            switch (command)
            {
                case DispatchStep dispatch:
                    var answer = AnswerOf(dispatch);
                    var due = answer.Kind == AttemptKind.Hang ? DateTimeOffset.MaxValue : Now.AddMilliseconds(answer.DurationMs);
                    _inFlight[(dispatch.StepId, dispatch.Attempt)] = (due, answer);
                    break;
                case CancelAttempt cancel:
                    _inFlight.Remove((cancel.StepId, cancel.Attempt));
                    break;
                case EvaluateAiCondition ask:
                    Record(new ConditionEvaluated { Timestamp = Now, StepId = ask.StepId, Result = _case.AiAnswers[ask.StepId], Explanation = "scripted" });
                    answeredInline = true;
                    break;
                case CompleteRun complete:
                    Record(new RunCompleted { Timestamp = Now, RuntimeStatus = complete.RuntimeStatus, Error = complete.Error });
                    break;
            }
        }

        return answeredInline;
    }

    /// <summary>delay and fail behave as the built-in tools do; echo and custom follow the case's script.</summary>
    private AttemptScript AnswerOf(DispatchStep dispatch)
    {
        var p = dispatch.Parameters;
        switch (dispatch.Tool)
        {
            case "delay":
                return new AttemptScript(AttemptKind.Succeed, p.GetProperty("milliseconds").GetInt32());
            case "fail":
                var failing = dispatch.Attempt <= p.GetProperty("failTimes").GetInt32();
                var retryable = p.GetProperty("retryable").GetBoolean();
                return new AttemptScript(!failing ? AttemptKind.Succeed : retryable ? AttemptKind.FailRetryable : AttemptKind.FailFatal, 1000);
            default:
                return _case.ScriptFor(dispatch.StepId, dispatch.Attempt);
        }
    }

    private void DeliverDueResults()
    {
        foreach (var ((step, attempt), (due, answer)) in _inFlight.Where(kv => kv.Value.Due <= Now).OrderBy(kv => kv.Value.Due).ThenBy(kv => kv.Key.Step, StringComparer.Ordinal).ToList())
        {
            _inFlight.Remove((step, attempt));
            Record(answer.Kind switch
            {
                AttemptKind.Succeed => new StepSucceeded { Timestamp = due, StepId = step, Attempt = attempt, Output = OutputOf(step, attempt, answer) },
                _ => new StepFailed { Timestamp = due, StepId = step, Attempt = attempt, Error = $"scripted failure of attempt {attempt}", Retryable = answer.Kind == AttemptKind.FailRetryable },
            });
        }
    }

    private static JsonElement OutputOf(string step, int attempt, AttemptScript answer) =>
        JsonSerializer.SerializeToElement(new JsonObject { ["n"] = answer.DurationMs % 10, ["step"] = step, ["attempt"] = attempt });

    private void SendDueControls()
    {
        while (_controls.TryPeek(out var control) && Start.AddSeconds(control.AtSeconds) <= Now)
        {
            _controls.Dequeue();
            Record(control.Kind switch
            {
                ControlKind.RaiseEvent => new EventRaised
                {
                    Timestamp = Now,
                    Name = control.EventName,
                    Payload = control.Value < 0 ? null : JsonSerializer.SerializeToElement(new JsonObject { ["n"] = control.Value }),
                },
                ControlKind.Suspend => new SuspendRequested { Timestamp = Now },
                ControlKind.Resume => new ResumeRequested { Timestamp = Now },
                ControlKind.ExtendTimeout => new TimeoutExtended { Timestamp = Now, Seconds = control.Value },
                ControlKind.Cancel => new CancelRequested { Timestamp = Now, Reason = "property test" },
                _ => new TerminateRequested { Timestamp = Now, Reason = "property test" },
            });
        }
    }
}
