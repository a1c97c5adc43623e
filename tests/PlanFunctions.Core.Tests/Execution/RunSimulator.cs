using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>What a simulated tool does with one attempt.</summary>
internal abstract record SimulatedOutcome(TimeSpan Duration)
{
    public sealed record Succeed(JsonElement Output, TimeSpan Duration) : SimulatedOutcome(Duration);

    public sealed record Fail(string Message, bool Retryable, TimeSpan Duration) : SimulatedOutcome(Duration);

    /// <summary>Never answers: only a timeout or a cancellation ends the attempt.</summary>
    public sealed record Hang() : SimulatedOutcome(TimeSpan.MaxValue);
}

/// <summary>
/// Drives a <see cref="PlanRun"/> through simulated time the way the runtime does: decide, record, carry out
/// commands, deliver results when they are due, wake up when asked.
/// </summary>
internal sealed class RunSimulator
{
    private readonly Dictionary<(string Step, int Attempt), (DateTimeOffset Due, SimulatedOutcome Outcome)> _inFlight = [];
    private readonly Func<DispatchStep, SimulatedOutcome> _behaviour;
    private bool _answeredInline;

    public RunSimulator(Plan plan, Func<DispatchStep, SimulatedOutcome>? behaviour = null, string instanceId = "run-1")
    {
        Plan = plan;
        _behaviour = behaviour ?? DefaultBehaviour;
        Run = new PlanRun();
        Record(new RunStarted { Timestamp = Time.GetUtcNow(), InstanceId = instanceId, Plan = plan });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public Plan Plan { get; }

    public PlanRun Run { get; }

    public List<RunEvent> History { get; } = [];

    public List<RunCommand> Commands { get; } = [];

    public List<DispatchStep> Dispatches => Commands.OfType<DispatchStep>().ToList();

    public List<CancelAttempt> Cancellations => Commands.OfType<CancelAttempt>().ToList();

    /// <summary>Answers AI conditions; by default, yes.</summary>
    public Func<EvaluateAiCondition, bool> AiAnswer { get; set; } = _ => true;

    /// <summary>Whether AI conditions are answered at all (off: they stay asked, as if the host died).</summary>
    public bool AnswerAiConditions { get; set; } = true;

    public DateTimeOffset Now => Time.GetUtcNow();

    public static SimulatedOutcome DefaultBehaviour(DispatchStep dispatch) => dispatch.Tool switch
    {
        "delay" => new SimulatedOutcome.Succeed(
            JsonSerializer.SerializeToElement(new { waitedMs = dispatch.Parameters.GetProperty("milliseconds").GetInt32() }),
            TimeSpan.FromMilliseconds(dispatch.Parameters.GetProperty("milliseconds").GetInt32())),
        "fail" => FailTool(dispatch),
        _ => new SimulatedOutcome.Succeed(dispatch.Parameters, TimeSpan.FromSeconds(1)),
    };

    public void Record(RunEvent e)
    {
        Run.Apply(e);
        History.Add(e);
    }

    /// <summary>Decides at the current time and carries out the commands, until nothing new is concluded.</summary>
    public RunDecision Decide()
    {
        RunDecision decision;
        do
        {
            decision = DecideOnce();
        }
        while (_answeredInline);

        return decision;
    }

    private RunDecision DecideOnce()
    {
        _answeredInline = false;
        var decision = Run.Decide(Now);
        History.AddRange(decision.Events);
        foreach (var command in decision.Commands)
        {
            Commands.Add(command);
            switch (command)
            {
                case DispatchStep dispatch:
                    var outcome = _behaviour(dispatch);
                    var due = outcome is SimulatedOutcome.Hang ? DateTimeOffset.MaxValue : Now + outcome.Duration;
                    _inFlight[(dispatch.StepId, dispatch.Attempt)] = (due, outcome);
                    break;
                case CancelAttempt cancel:
                    _inFlight.Remove((cancel.StepId, cancel.Attempt));
                    break;
                case EvaluateAiCondition ask when AnswerAiConditions:
                    Record(new ConditionEvaluated { Timestamp = Now, StepId = ask.StepId, Result = AiAnswer(ask), Explanation = "simulated" });
                    _answeredInline = true;
                    break;
                case CompleteRun complete:
                    Record(new RunCompleted { Timestamp = Now, RuntimeStatus = complete.RuntimeStatus, Error = complete.Error });
                    break;
            }
        }

        return decision;
    }

    /// <summary>Runs until the run ends or nothing more can happen; fails the test past a step budget.</summary>
    public PlanRun RunToEnd(int maxRounds = 100_000) => RunUntil(() => Run.IsEnded, maxRounds);

    /// <summary>Runs until the condition holds, the run ends, or nothing more can happen.</summary>
    public PlanRun RunUntil(Func<bool> condition, int maxRounds = 100_000)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var decision = Decide();
            if (condition() || Run.IsEnded)
            {
                return Run;
            }

            var nextResult = _inFlight.Count == 0 ? DateTimeOffset.MaxValue : _inFlight.Values.Min(v => v.Due);
            var next = decision.NextWakeUp is { } wake && wake < nextResult ? wake : nextResult;
            if (next == DateTimeOffset.MaxValue)
            {
                return Run;
            }

            if (next > Now)
            {
                Time.SetUtcNow(next);
            }

            DeliverDueResults();
        }

        throw new InvalidOperationException($"the run did not end within {maxRounds} rounds");
    }

    /// <summary>Moves simulated time forward and delivers what is due, without deciding.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        DeliverDueResults();
    }

    public bool IsInFlight(string stepId) => _inFlight.Keys.Any(k => k.Step == stepId);

    private void DeliverDueResults()
    {
        foreach (var ((step, attempt), (due, outcome)) in _inFlight.Where(kv => kv.Value.Due <= Now).OrderBy(kv => kv.Value.Due).ToList())
        {
            _inFlight.Remove((step, attempt));
            switch (outcome)
            {
                case SimulatedOutcome.Succeed success:
                    Record(new StepSucceeded { Timestamp = due, StepId = step, Attempt = attempt, Output = success.Output });
                    break;
                case SimulatedOutcome.Fail failure:
                    Record(new StepFailed { Timestamp = due, StepId = step, Attempt = attempt, Error = failure.Message, Retryable = failure.Retryable });
                    break;
            }
        }
    }

    private static SimulatedOutcome FailTool(DispatchStep dispatch)
    {
        var p = dispatch.Parameters;
        var failTimes = p.TryGetProperty("failTimes", out var f) ? f.GetInt32() : int.MaxValue;
        var retryable = !p.TryGetProperty("retryable", out var r) || r.GetBoolean();
        var message = p.TryGetProperty("message", out var m) ? m.GetString()! : "failed";
        return dispatch.Attempt <= failTimes
            ? new SimulatedOutcome.Fail(message, retryable, TimeSpan.FromSeconds(1))
            : new SimulatedOutcome.Succeed(JsonSerializer.SerializeToElement(new { attempts = dispatch.Attempt }), TimeSpan.FromSeconds(1));
    }
}
