using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Statistics;

public sealed class RunStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_attempt_that_is_retried_is_not_a_failed_step()
    {
        var run = Started(TestPlans.Step("a"));
        var batch = Decide(run, Start);
        batch.Add(Apply(run, new StepFailed { Timestamp = Start, StepId = "a", Attempt = 1, Error = "HTTP 503", Retryable = true }));

        var counts = RunStatistics.CountSteps(run, batch);

        Assert.Equal([new StepCount(StepMetric.Dispatched, "echo")], counts);
        Assert.Equal(StepStatus.WaitingToRetry, run.GetStep("a").Status);
    }

    [Fact]
    public void A_retry_counts_as_dispatched_and_retried_and_a_last_failure_as_a_failed_step()
    {
        var run = Started(TestPlans.Step("a") with { Retry = new RetryPolicy { MaxNumberOfAttempts = 2, FirstRetryIntervalSeconds = 1 } });
        Decide(run, Start);
        Apply(run, new StepFailed { Timestamp = Start, StepId = "a", Attempt = 1, Error = "HTTP 503", Retryable = true });

        var batch = Decide(run, Start.AddSeconds(5));
        batch.Add(Apply(run, new StepFailed { Timestamp = Start.AddSeconds(5), StepId = "a", Attempt = 2, Error = "HTTP 503", Retryable = true }));
        var counts = RunStatistics.CountSteps(run, batch);

        Assert.Equal(
            [new StepCount(StepMetric.Dispatched, "echo"), new StepCount(StepMetric.Retried, "echo"), new StepCount(StepMetric.Failed, "echo")],
            counts);
    }

    [Fact]
    public void Timeouts_and_skips_are_counted_by_tool()
    {
        var run = Started(TestPlans.Step("a", "delay") with { TimeoutSeconds = 1, Retry = TestPlans.NoRetry }, TestPlans.Step("b", dependsOn: "a"));
        Decide(run, Start);

        var counts = RunStatistics.CountSteps(run, Decide(run, Start.AddSeconds(2)));

        Assert.Equal(
            [new StepCount(StepMetric.TimedOut, "delay"), new StepCount(StepMetric.Skipped, "echo"), new StepCount(StepMetric.Failed, "delay")],
            counts);
    }

    [Fact]
    public void The_report_of_an_ended_run_adds_up_each_tools_steps_retries_timeouts_failures_and_skips()
    {
        var run = Started(TestPlans.Step("a", "delay") with { TimeoutSeconds = 1, Retry = TestPlans.NoRetry }, TestPlans.Step("b", dependsOn: "a"), TestPlans.Step("c"));
        Decide(run, Start);
        Apply(run, new StepSucceeded { Timestamp = Start, StepId = "c", Attempt = 1, Output = TestPlans.Json("1") });
        Decide(run, Start.AddSeconds(2));
        Apply(run, new RunCompleted { Timestamp = Start.AddSeconds(2), RuntimeStatus = RuntimeStatus.Failed });

        var report = RunStatistics.EndedReport(run);

        Assert.Equal(("run", RuntimeStatus.Failed, 2.0), (report.InstanceId, report.RuntimeStatus, report.DurationSeconds));
        Assert.Equal(new ToolStatistics { Steps = 1, Timeouts = 1, Failures = 1 }, report.Tools["delay"]);
        Assert.Equal(new ToolStatistics { Steps = 1, Skips = 1 }, report.Tools["echo"]);
    }

    private static List<RunEvent> Decide(PlanRun run, DateTimeOffset now) => [.. run.Decide(now).Events];

    private static RunEvent Apply(PlanRun run, RunEvent e)
    {
        run.Apply(e);
        return e;
    }

    private static PlanRun Started(params PlanStep[] steps) =>
        PlanRun.FromHistory([new RunStarted { Timestamp = Start, InstanceId = "run", Plan = TestPlans.Plan(steps) }]);
}
