using PlanFunctions.Core.Tools;
using static PlanFunctions.Core.Tests.Execution.TestPlans;

namespace PlanFunctions.Core.Tests.Tools;

public sealed class WaitForEventStepTests
{
    [Fact]
    public void The_event_names_are_those_of_waitForEvent_steps_once_each()
    {
        var plan = Plan(
            Step("a", "waitForEvent", new { eventName = "approved" }),
            Step("b", "waitForEvent", new { eventName = "approved" }),
            Step("c", "waitForEvent", new { eventName = 7 }),
            Step("d", "echo", new { eventName = "not-an-event" }),
            Step("e", "waitForEvent", new { eventName = "shipped" }));

        Assert.Equal(["approved", "shipped"], WaitForEventStep.EventNamesOf(plan));
        Assert.Equal(string.Empty, WaitForEventStep.EventNameOf(null));
    }
}
