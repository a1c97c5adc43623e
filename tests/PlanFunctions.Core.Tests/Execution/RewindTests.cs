using System.Text.Json;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Snapshots;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Status;
using static PlanFunctions.Core.Tests.Execution.TestPlans;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>Rewinding a Failed run: what runs again, what is kept, attempts, deadline, status document and statistics.</summary>
public sealed class RewindTests
{
    [Fact]
    public void A_rewound_run_runs_its_failed_step_and_what_was_skipped_because_of_it_again_and_keeps_what_succeeded()
    {
        var sim = new RunSimulator(Plan(
            Step("fetch", parameters: new { n = 1 }),
            Step("send", "fail", new { message = "the mail server refused", failTimes = 1, retryable = false }, "fetch") with { Retry = NoRetry },
            Step("report", "echo", new { sent = "{{ steps.send.output.attempts }}" }, "send")));
        var failed = sim.RunToEnd();
        Assert.Equal(RuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, failed.GetStep("report").Status);
        var fetchOutput = failed.GetStep("fetch").Output!.Value.GetRawText();

        Rewind(sim, "the mail server was fixed");

        Assert.Equal(RuntimeStatus.Running, sim.Run.RuntimeStatus);
        Assert.Null(sim.Run.GetOutput());
        Assert.Equal(StepStatus.Pending, sim.Run.GetStep("send").Status);
        Assert.Equal(StepStatus.Pending, sim.Run.GetStep("report").Status);
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(["fetch", "send", "send", "report"], sim.Dispatches.Select(d => d.StepId));
        Assert.Equal(fetchOutput, run.GetStep("fetch").Output!.Value.GetRawText());
        Assert.Equal(2, run.GetStep("send").Attempts);
        Assert.Equal(2, run.GetStep("report").Output!.Value.GetProperty("sent").GetInt32());
        Assert.Equal(RunOutcome.Succeeded, run.GetOutput()!.Outcome);
        Assert.Null(run.Error);
        Assert.Equal(1, run.Rewinds);
    }

    [Fact]
    public void Attempt_numbers_go_on_counting_and_the_retry_policy_starts_over()
    {
        var sim = new RunSimulator(Plan(
            Step("flaky", "fail", new { failTimes = 3 }) with { Retry = new RetryPolicy { MaxNumberOfAttempts = 2, FirstRetryIntervalSeconds = 1 } }));
        Assert.Equal(RuntimeStatus.Failed, sim.RunToEnd().RuntimeStatus);
        Assert.Equal(2, sim.Run.GetStep("flaky").Attempts);

        Rewind(sim, null);
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal([1, 2, 3, 4], sim.History.OfType<StepDispatched>().Select(d => d.Attempt));
        Assert.Equal(4, run.GetStep("flaky").Attempts);
        var rewound = sim.History.OfType<RunRewound>().Single();
        Assert.True(sim.History.OfType<StepDispatched>().Single(d => d.Attempt == 3).Timestamp >= rewound.Timestamp);
    }

    [Fact]
    public void A_rewind_gives_the_run_its_whole_timeout_again_from_the_rewind()
    {
        var sim = new RunSimulator(
            Plan(Step("slow", "delay", new { milliseconds = 25_000 }) with { Retry = NoRetry }) with { TimeoutSeconds = 10 },
            behaviour: d => d.Attempt == 1 ? new SimulatedOutcome.Hang() : RunSimulator.DefaultBehaviour(d));
        var timedOut = sim.RunToEnd();
        Assert.Equal(RuntimeStatus.Failed, timedOut.RuntimeStatus);
        Assert.Contains("deadline of 10 s", timedOut.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Cancelled, timedOut.GetStep("slow").Status);

        sim.Advance(TimeSpan.FromHours(1));
        Rewind(sim, null);

        Assert.Equal(sim.Now.AddSeconds(10), sim.Run.Deadline);
        Assert.Equal(10, sim.Run.GetProgress(sim.Now).RemainingSeconds);
        var again = sim.RunToEnd();
        Assert.Equal(RuntimeStatus.Failed, again.RuntimeStatus);
        Assert.Contains("deadline of 10 s", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, again.GetStep("slow").Attempts);
    }

    [Fact]
    public void Steps_cancelled_by_a_stop_on_failure_run_again_with_a_new_attempt()
    {
        var sim = new RunSimulator(Plan(
            Step("critical", "fail", new { failTimes = 1, retryable = false }) with { StopOnFailure = true, Retry = NoRetry },
            Step("long", "delay", new { milliseconds = 60_000 })));
        var failed = sim.RunToEnd();
        Assert.Equal(StepStatus.Cancelled, failed.GetStep("long").Status);
        Assert.Contains("stopOnFailure", failed.Error, StringComparison.Ordinal);

        Rewind(sim, null);
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal([("critical", 1), ("long", 1), ("critical", 2), ("long", 2)], sim.Dispatches.Select(d => (d.StepId, d.Attempt)));
    }

    [Fact]
    public void A_step_skipped_by_its_own_condition_over_kept_steps_stays_skipped()
    {
        var sim = new RunSimulator(Plan(
            Step("a"),
            Step("optional", dependsOn: "a") with { Condition = StepCondition.FromExpression("input.x == 2") },
            Step("b", "fail", new { failTimes = 1, retryable = false }, "a") with { Retry = NoRetry }) with { Input = Json("""{"x":1}""") });
        Assert.Equal(RuntimeStatus.Failed, sim.RunToEnd().RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, sim.Run.GetStep("optional").Status);

        Rewind(sim, null);
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, run.GetStep("optional").Status);
        Assert.DoesNotContain(sim.Dispatches, d => d.StepId == "optional");
        Assert.Single(sim.History.OfType<StepSkipped>());
    }

    [Fact]
    public void A_condition_that_reads_a_rewound_step_is_evaluated_again()
    {
        var sim = new RunSimulator(Plan(
            Step("a", "fail", new { failTimes = 1, retryable = false }) with { Retry = NoRetry },
            Step("onFailure", dependsOn: "a") with { Condition = StepCondition.FromExpression("steps.a.status == 'Failed'") },
            Step("onSuccess", dependsOn: "a") with { Condition = StepCondition.FromExpression("steps.a.status == 'Succeeded'") }));
        var failed = sim.RunToEnd();
        Assert.Equal(StepStatus.Succeeded, failed.GetStep("onFailure").Status);
        Assert.Equal(StepStatus.Skipped, failed.GetStep("onSuccess").Status);

        Rewind(sim, null);
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(StepStatus.Succeeded, run.GetStep("onSuccess").Status);
        // A step that succeeded keeps its output, even one whose condition would not hold now.
        Assert.Equal(StepStatus.Succeeded, run.GetStep("onFailure").Status);
        Assert.Single(sim.Dispatches, d => d.StepId == "onFailure");
    }

    [Fact]
    public void Only_a_run_that_ended_Failed_can_be_rewound()
    {
        var now = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var running = new RunSimulator(Plan(Step("wait", "waitForEvent", new { eventName = "go" })));
        running.Decide();
        var completed = new RunSimulator(Plan(Step("a")));
        completed.RunToEnd();
        var terminated = new RunSimulator(Plan(Step("wait", "waitForEvent", new { eventName = "go" })));
        terminated.Decide();
        terminated.Record(new TerminateRequested { Timestamp = terminated.Now });
        var canceled = new RunSimulator(Plan(Step("wait", "waitForEvent", new { eventName = "go" })));
        canceled.Decide();
        canceled.Record(new CancelRequested { Timestamp = canceled.Now });
        canceled.RunToEnd();

        foreach (var run in new[] { running.Run, completed.Run, terminated.Run, canceled.Run })
        {
            Assert.False(run.IsRewindable);
            Assert.Equal(new ControlDecision(ControlResult.Conflict, null), RunControl.Decide(run, ControlRequest.Rewind("why not"), now));
        }

        // Applied anyway (a history written by another engine), the event leaves such a run as it was.
        completed.Run.Apply(new RunRewound { Timestamp = completed.Now });
        Assert.Equal(RuntimeStatus.Completed, completed.Run.RuntimeStatus);
        Assert.True(completed.Run.IsEnded);
        Assert.Equal(0, completed.Run.Rewinds);
        Assert.Null(completed.Run.RewoundEnd);
    }

    [Fact]
    public void The_status_document_shows_the_run_running_again_and_its_history_shows_the_rewind_and_both_attempts()
    {
        var sim = FailedOnce();
        Rewind(sim, "fixed the tool");
        sim.RunToEnd();

        var status = RunStatusDocument.Build(sim.Run, sim.Now, new StatusQuery(ShowHistory: true), history: sim.History);
        var events = status.HistoryEvents!.Select(e => (Type: e.GetProperty("eventType").GetString(), e)).ToList();

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        var rewound = events.Single(e => e.Type == nameof(RunRewound)).e;
        Assert.Equal("fixed the tool", rewound.GetProperty("reason").GetString());
        Assert.Equal(2, events.Count(e => e.Type == nameof(RunCompleted)));
        Assert.Equal([1, 2], events.Where(e => e.Type == nameof(StepDispatched)).Select(e => e.e.GetProperty("attempt").GetInt32()));
    }

    [Fact]
    public void A_rewound_run_round_trips_through_its_snapshot_and_its_json_history()
    {
        var sim = FailedOnce();
        Rewind(sim, "again");
        var json = JsonSerializer.Serialize(sim.History, PlanJson.Options);

        var restored = PlanRun.FromSnapshot(PlanRunSnapshot.FromJson(sim.Run.ToSnapshot().ToJson()));
        var folded = PlanRun.FromHistory(JsonSerializer.Deserialize<List<RunEvent>>(json, PlanJson.Options)!);

        Assert.Equal(sim.Run.ToSnapshot().ToJson(), restored.ToSnapshot().ToJson());
        Assert.Equal(sim.Run.ToSnapshot().ToJson(), folded.ToSnapshot().ToJson());
        Assert.Equal(JsonSerializer.Serialize(sim.Run.Decide(sim.Now), PlanJson.Options), JsonSerializer.Serialize(restored.Decide(sim.Now), PlanJson.Options));
    }

    [Fact]
    public void The_statistics_count_a_rewound_run_once_as_it_ends_at_last()
    {
        var sim = FailedOnce();
        var counters = RunStatistics.AddEnded(new ExecutionStatistics { TotalPlans = 1 }, RunStatistics.EndedReport(sim.Run));
        Assert.Equal(1, counters.FailedPlans);

        Rewind(sim, null);
        counters = RunStatistics.RemoveEnded(counters, sim.Run.RewoundEnd!);
        Assert.Equal(0, counters.EndedPlans);
        Assert.Equal(0, counters.TotalDurationSeconds);
        Assert.All(counters.Tools.Values, t => Assert.Equal(new ToolStatistics(), t));
        sim.RunToEnd();
        counters = RunStatistics.AddEnded(counters, RunStatistics.EndedReport(sim.Run));

        Assert.Equal((1L, 0L, 1L, 1L), (counters.TotalPlans, counters.FailedPlans, counters.CompletedPlans, counters.EndedPlans));
        Assert.Equal((sim.Run.LastUpdatedTime - sim.Run.CreatedTime).TotalSeconds, counters.TotalDurationSeconds);
        Assert.Equal(new ToolStatistics { Steps = 1, Retries = 1 }, counters.Tools["fail"]);
    }

    private static RunSimulator FailedOnce()
    {
        var sim = new RunSimulator(Plan(Step("a", "fail", new { failTimes = 1, retryable = false }) with { Retry = NoRetry }));
        Assert.Equal(RuntimeStatus.Failed, sim.RunToEnd().RuntimeStatus);
        return sim;
    }

    private static void Rewind(RunSimulator sim, string? reason)
    {
        var decision = RunControl.Decide(sim.Run, ControlRequest.Rewind(reason), sim.Now);
        Assert.Equal(ControlResult.Accepted, decision.Result);
        Assert.Equal(new RunRewound { Timestamp = sim.Now, Reason = reason }, decision.Event);
        sim.Record(decision.Event!);
    }
}
