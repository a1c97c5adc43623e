using System.Text.Json;
using CsCheck;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// Properties of the run state machine over generated plans, tool answers and control events. A failure
/// prints the shrunk case (plan, scripts, controls) and the seed to replay it with.
/// </summary>
public sealed class PlanRunPropertyTests
{
    /// <summary>300 cases per property; setting CsCheck_Iter searches longer (-1 lets CsCheck read it).</summary>
    private static readonly long Iterations = Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? 300 : -1;

    private static readonly StepStatus[] TerminalStepStatuses = [StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped, StepStatus.Cancelled];

    private static readonly RuntimeStatus[] TerminalRunStatuses = [RuntimeStatus.Completed, RuntimeStatus.Failed, RuntimeStatus.Canceled, RuntimeStatus.Terminated];

    [Fact]
    public void Generated_plans_are_valid() => ForAll(c =>
    {
        var problems = PlanValidator.Validate(c.Plan, RunCases.ValidationOptions);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
    });

    [Fact]
    public void Every_run_ends_with_a_terminal_status_and_has_an_output_after_CompleteRun() => ForAll(c =>
    {
        var sim = new ScriptedRun(c).RunToEnd();

        Assert.True(sim.Run.IsEnded, $"the run is stuck in {sim.Run.RuntimeStatus} at {sim.Now:O}");
        Assert.Contains(sim.Run.RuntimeStatus, TerminalRunStatuses);
        var completions = sim.Commands.OfType<CompleteRun>().ToList();
        if (completions.Count > 0)
        {
            Assert.Equal(completions[^1].RuntimeStatus, sim.Run.RuntimeStatus);
        }
        else
        {
            Assert.Equal(RuntimeStatus.Terminated, sim.Run.RuntimeStatus);
        }

        Assert.NotNull(sim.Run.GetOutput());
    });

    [Fact]
    public void No_step_is_dispatched_before_every_one_of_its_dependencies_has_ended() => ForAll(c =>
    {
        var sim = new ScriptedRun(c).RunToEnd();

        ReplayChecking(sim.History, (before, dispatched) =>
        {
            foreach (var dependency in c.Plan.Steps.Single(s => s.Id == dispatched.StepId).DependsOn)
            {
                var status = before.GetStep(dependency).Status;
                Assert.True(TerminalStepStatuses.Contains(status), $"'{dispatched.StepId}' was dispatched at {dispatched.Timestamp:O} while its dependency '{dependency}' was {status}");
            }
        });
    });

    [Fact]
    public void No_attempt_is_dispatched_twice_attempts_count_up_by_one_and_an_ended_step_is_never_dispatched() => ForAll(c =>
    {
        var sim = new ScriptedRun(c).RunToEnd();

        ReplayChecking(sim.History, (before, dispatched) =>
        {
            var step = before.GetStep(dispatched.StepId);
            Assert.False(TerminalStepStatuses.Contains(step.Status), $"'{dispatched.StepId}' was dispatched again after it ended {step.Status}");
            Assert.True(dispatched.Attempt == step.Attempts + 1, $"'{dispatched.StepId}' attempt {dispatched.Attempt} was dispatched after attempt {step.Attempts}");
        });
        var events = sim.History.OfType<StepDispatched>().Select(d => (d.StepId, d.Attempt)).ToList();
        var commands = sim.Commands.OfType<DispatchStep>().Select(d => (d.StepId, d.Attempt)).ToList();
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(commands.Count, commands.Distinct().Count());
        Assert.All(commands, dispatch => Assert.Contains(dispatch, events));
    });

    [Fact]
    public void Folding_the_same_history_twice_gives_the_same_run_also_after_a_json_round_trip() => ForAll(c =>
    {
        var sim = new ScriptedRun(c).RunToEnd();
        var json = JsonSerializer.Serialize(sim.History, PlanJson.Options);
        var roundTripped = JsonSerializer.Deserialize<List<RunEvent>>(json, PlanJson.Options)!;

        var live = RunSnapshot.Of(sim.Run);
        Assert.Equal(live, RunSnapshot.Of(PlanRun.FromHistory(sim.History)));
        Assert.Equal(live, RunSnapshot.Of(PlanRun.FromHistory(sim.History)));
        Assert.Equal(live, RunSnapshot.Of(PlanRun.FromHistory(roundTripped)));
        foreach (var prefix in CrashPrefixes(c, sim.History))
        {
            Assert.Equal(RunSnapshot.Of(PlanRun.FromHistory(prefix)), RunSnapshot.Of(PlanRun.FromHistory(prefix)));
        }
    });

    [Fact]
    public void A_run_rebuilt_from_any_prefix_of_its_history_and_driven_on_ends_too() => ForAll(c =>
    {
        var original = new ScriptedRun(c).RunToEnd();

        foreach (var prefix in CrashPrefixes(c, original.History))
        {
            var recovered = ScriptedRun.Recover(c, prefix).RunToEnd();

            Assert.True(recovered.Run.IsEnded, $"the run rebuilt from {prefix.Count} of {original.History.Count} events is stuck in {recovered.Run.RuntimeStatus}");
            Assert.Contains(recovered.Run.RuntimeStatus, TerminalRunStatuses);
            Assert.NotNull(recovered.Run.GetOutput());
        }
    });

    [Fact]
    public void The_output_accounts_for_every_step_once_with_a_terminal_status_and_progress_counts_add_up() => ForAll(c =>
    {
        var total = c.Plan.Steps.Count;
        var sim = new ScriptedRun(c)
        {
            AfterEachDecision = run =>
            {
                Assert.Equal(total, Enum.GetValues<StepStatus>().Sum(run.Count));
                var progress = run.GetProgress(run.LastUpdatedTime);
                Assert.Equal(total, progress.TotalSteps);
                Assert.True(progress.CompletedSteps + progress.FailedSteps + progress.SkippedSteps + progress.CancelledSteps <= total);
            },
        }.RunToEnd();

        var output = sim.Run.GetOutput()!;
        Assert.Equal(c.Plan.Steps.Select(s => s.Id).Order(StringComparer.Ordinal), output.Steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(output.Steps, s => Assert.Contains(s.Value.Status, TerminalStepStatuses));
        var final = sim.Run.GetProgress(sim.Now);
        Assert.Equal(total, final.TotalSteps);
        Assert.Equal(total, final.CompletedSteps + final.FailedSteps + final.SkippedSteps + final.CancelledSteps);
        Assert.Equal(output.Steps.Values.Count(s => s.Status == StepStatus.Succeeded), final.CompletedSteps);
        Assert.Equal(output.Steps.Values.Count(s => s.Status == StepStatus.Failed), final.FailedSteps);
    });

    [Fact]
    public void Retries_never_exceed_the_policy_attempts_and_each_wait_is_at_least_the_computed_delay() => ForAll(c =>
    {
        var sim = new ScriptedRun(c).RunToEnd();

        foreach (var step in c.Plan.Steps)
        {
            var policy = step.EffectiveRetry(c.Plan.Defaults);
            var dispatches = sim.History.OfType<StepDispatched>().Where(d => d.StepId == step.Id).ToList();
            Assert.True(dispatches.Count <= policy.MaxNumberOfAttempts, $"'{step.Id}' had {dispatches.Count} attempts; its policy allows {policy.MaxNumberOfAttempts}");
            for (var k = 1; k < dispatches.Count; k++)
            {
                var failedAt = FailureOf(sim.History, step.Id, k)
                    ?? throw new Xunit.Sdk.XunitException($"'{step.Id}' attempt {k + 1} was dispatched but attempt {k} never failed");
                var waited = (dispatches[k].Timestamp - failedAt).TotalSeconds;
                var delay = Math.Min(policy.FirstRetryIntervalSeconds * Math.Pow(policy.BackoffCoefficient, k - 1), policy.MaxRetryIntervalSeconds);
                Assert.True(waited >= delay - 1e-6, $"'{step.Id}' attempt {k + 1} started {waited} s after attempt {k} failed; the policy asks for {delay} s");
                // A retry due while the run is suspended starts at resume, even past the retry timeout: the
                // engine checks the timeout when it schedules the retry (as Durable Functions does).
                if (policy.RetryTimeoutSeconds is { } retryTimeout && !WasSuspendedBetween(sim.History, failedAt, dispatches[k].Timestamp))
                {
                    var sinceFirst = (dispatches[k].Timestamp - dispatches[0].Timestamp).TotalSeconds;
                    Assert.True(sinceFirst <= retryTimeout + 1e-6, $"'{step.Id}' attempt {k + 1} started {sinceFirst} s after the first; the retry timeout is {retryTimeout} s");
                }
            }
        }
    });

    private static void ForAll(Action<RunCase> property) =>
        RunCases.Cases.Sample(property, iter: Iterations, print: c => c.Describe());

    /// <summary>Folds the history event by event and shows each dispatch the run as it stood just before.</summary>
    private static void ReplayChecking(IReadOnlyList<RunEvent> history, Action<PlanRun, StepDispatched> check)
    {
        var replica = new PlanRun();
        foreach (var e in history)
        {
            if (e is StepDispatched dispatched)
            {
                check(replica, dispatched);
            }

            replica.Apply(e);
        }
    }

    private static DateTimeOffset? FailureOf(IEnumerable<RunEvent> history, string stepId, int attempt) =>
        history.FirstOrDefault(e => e is StepFailed f && f.StepId == stepId && f.Attempt == attempt
            || e is StepTimedOut t && t.StepId == stepId && t.Attempt == attempt)?.Timestamp;

    /// <summary>Whether the run was suspended at any moment from <paramref name="from"/> to <paramref name="to"/> (the history is in time order).</summary>
    private static bool WasSuspendedBetween(IEnumerable<RunEvent> history, DateTimeOffset from, DateTimeOffset to)
    {
        var suspended = false;
        foreach (var e in history.TakeWhile(e => e.Timestamp <= to))
        {
            if (suspended && e.Timestamp >= from)
            {
                return true;
            }

            suspended = e switch
            {
                SuspendRequested => true,
                ResumeRequested => false,
                _ => suspended,
            };
        }

        return suspended;
    }

    private static IEnumerable<List<RunEvent>> CrashPrefixes(RunCase c, List<RunEvent> history) =>
        c.CrashPoints.Select(p => history.Take(Math.Max(1, p * history.Count / 1000)).ToList());
}
