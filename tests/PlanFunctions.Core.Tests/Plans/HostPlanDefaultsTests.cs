using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Plans;

public sealed class HostPlanDefaultsTests
{
    private static readonly HostPlanDefaults Host = new(600, 30, new RetryPolicy { MaxNumberOfAttempts = 2 });

    [Fact]
    public void What_a_plan_leaves_out_is_filled_in_from_the_host()
    {
        var plan = Host.ApplyTo(TestPlans.Plan(TestPlans.Step("a")));

        Assert.Equal(600, plan.TimeoutSeconds);
        Assert.Equal(30, plan.Defaults!.TimeoutSeconds);
        Assert.Equal(2, plan.Defaults.Retry!.MaxNumberOfAttempts);
    }

    [Fact]
    public void What_a_plan_says_is_kept()
    {
        var retry = new RetryPolicy { MaxNumberOfAttempts = 7 };
        var plan = TestPlans.Plan(TestPlans.Step("a")) with { TimeoutSeconds = 5, Defaults = new PlanDefaults { TimeoutSeconds = 3, Retry = retry, StopOnFailure = true } };

        var stamped = Host.ApplyTo(plan);

        Assert.Equal(5, stamped.TimeoutSeconds);
        Assert.Equal(new PlanDefaults { TimeoutSeconds = 3, Retry = retry, StopOnFailure = true }, stamped.Defaults);
    }
}
