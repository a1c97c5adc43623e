using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Execution;

public sealed class HistoryLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_whose_history_reaches_the_limit_is_stopped_and_fails_naming_the_setting()
    {
        var run = new PlanRun(PlanLimits.Default with { MaxHistoryEvents = 3 });
        run.Apply(new RunStarted { Timestamp = Start, InstanceId = "run", Plan = TestPlans.Plan(TestPlans.Step("a")) });
        run.Decide(Start);
        Assert.Null(run.HistoryLimitEvent(Start));
        run.Apply(new SuspendRequested { Timestamp = Start });

        var aborted = run.HistoryLimitEvent(Start.AddSeconds(1));

        Assert.NotNull(aborted);
        Assert.Equal("the run's history reached the limit of 3 events (extensions:durableTask:MaxHistoryEvents)", aborted.Reason);
        run.Apply(aborted);
        Assert.True(run.IsStopping);
        Assert.Null(run.HistoryLimitEvent(Start.AddSeconds(1)));
        var decision = run.Decide(Start.AddSeconds(1));
        Assert.Equal(RuntimeStatus.Failed, decision.Commands.OfType<CompleteRun>().Single().RuntimeStatus);
    }
}
