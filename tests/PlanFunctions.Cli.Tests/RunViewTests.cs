using PlanFunctions.Cli.Running;
using PlanFunctions.Cli.Running.Views;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Cli.Tests;

/// <summary>What the progress views choose to show, from snapshots made by hand.</summary>
public sealed class RunViewTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_live_view_shows_active_and_recently_ended_steps_but_not_pending_or_long_ended_ones()
    {
        var snapshot = Snapshot(
            RuntimeStatus.Running,
            Step("pending", StepStatus.Pending),
            Step("running", StepStatus.Running, started: Now.AddSeconds(-3)),
            Step("retrying", StepStatus.WaitingToRetry, started: Now.AddSeconds(-3)),
            Step("justDone", StepStatus.Succeeded, started: Now.AddSeconds(-3), ended: Now.AddSeconds(-1)),
            Step("longDone", StepStatus.Succeeded, started: Now.AddSeconds(-60), ended: Now.AddSeconds(-30)));

        var rows = LiveRunView.RowsOf(snapshot);

        Assert.Equal(["running", "retrying", "justDone"], rows.Select(row => row.Id));
    }

    [Fact]
    public void The_live_view_shows_every_step_once_the_run_has_ended()
    {
        var snapshot = Snapshot(
            RuntimeStatus.Canceled,
            Step("old", StepStatus.Succeeded, started: Now.AddSeconds(-60), ended: Now.AddSeconds(-30)),
            Step("never", StepStatus.Cancelled, ended: Now));

        Assert.Equal(["old", "never"], LiveRunView.RowsOf(snapshot).Select(row => row.Id));
    }

    [Fact]
    public void A_wide_plan_keeps_its_running_steps_in_view_before_ended_ones()
    {
        var ended = Enumerable.Range(0, LiveRunView.MaxRows)
            .Select(i => Step($"done{i}", StepStatus.Succeeded, started: Now.AddSeconds(-2), ended: Now.AddSeconds(-1)));
        var snapshot = Snapshot(RuntimeStatus.Running, [.. ended, Step("running", StepStatus.Running, started: Now)]);

        var rows = LiveRunView.RowsOf(snapshot);

        Assert.Equal(LiveRunView.MaxRows, rows.Count);
        Assert.Contains(rows, row => row.Id == "running");
    }

    [Fact]
    public void A_failed_step_line_says_how_long_how_many_attempts_and_why()
    {
        var step = Step("critical", StepStatus.Failed, started: Now.AddSeconds(-2.5), ended: Now, attempts: 3, error: "the ledger is locked");

        Assert.Equal("critical (probe): failed in 2.5 s after 3 attempts: the ledger is locked", LineRunView.Describe(step, Now));
    }

    [Fact]
    public void A_cancelled_step_line_gives_its_reason_without_saying_cancelled_twice()
    {
        var step = Step("publish", StepStatus.Cancelled, ended: Now, error: "cancelled: the run was canceled");

        Assert.Equal("publish (probe): cancelled: the run was canceled", LineRunView.Describe(step, Now));
    }

    [Fact]
    public void A_pending_step_gets_no_line()
    {
        Assert.Null(LineRunView.Describe(Step("later", StepStatus.Pending), Now));
    }

    [Theory]
    [InlineData(0.25, "0.3 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(3720, "1 h 02 min")]
    public void Durations_read_as_people_say_them(double seconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
    }

    private static StepProgress Step(
        string id, StepStatus status, DateTimeOffset? started = null, DateTimeOffset? ended = null, int? attempts = null, string? error = null) =>
        new(id, "probe", new StepOutcome
        {
            Status = status,
            Attempts = attempts ?? (started is null ? 0 : 1),
            StartedTime = started,
            CompletedTime = ended,
            Error = error,
        });

    private static RunSnapshot Snapshot(RuntimeStatus status, params StepProgress[] steps) =>
        new(
            "plan",
            "0123456789abcdef0123456789abcdef",
            new ExecutionProgress { PlanId = "0123456789abcdef0123456789abcdef", Status = status, TotalSteps = steps.Length },
            steps,
            Now,
            CancelRequested: false);
}
