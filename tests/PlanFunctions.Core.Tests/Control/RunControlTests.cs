using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Control;

public sealed class RunControlTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Start.AddMinutes(1);

    [Fact]
    public void Without_a_run_every_request_is_answered_not_found()
    {
        foreach (var request in AllRequests())
        {
            Assert.Equal(new ControlDecision(ControlResult.NotFound, null), RunControl.Decide(null, request, Now));
        }
    }

    [Fact]
    public void An_ended_run_refuses_every_request_but_a_purge()
    {
        var run = Running();
        run.Apply(new TerminateRequested { Timestamp = Now });

        foreach (var request in AllRequests().Where(r => r.Kind is not ControlKind.Purge and not ControlKind.Rewind))
        {
            Assert.Equal(new ControlDecision(ControlResult.AlreadyEnded, null), RunControl.Decide(run, request, Now));
        }

        Assert.Equal(new ControlDecision(ControlResult.Accepted, null), RunControl.Decide(run, ControlRequest.Purge(), Now));
    }

    [Fact]
    public void A_rewind_of_a_run_that_did_not_end_Failed_is_a_conflict()
    {
        var run = Running();
        Assert.Equal(new ControlDecision(ControlResult.Conflict, null), RunControl.Decide(run, ControlRequest.Rewind("r"), Now));

        run.Apply(new TerminateRequested { Timestamp = Now });

        Assert.Equal(new ControlDecision(ControlResult.Conflict, null), RunControl.Decide(run, ControlRequest.Rewind("r"), Now));
    }

    [Fact]
    public void A_rewind_of_a_Failed_run_records_its_reason()
    {
        var run = Running();
        run.Apply(new RunCompleted { Timestamp = Now, RuntimeStatus = RuntimeStatus.Failed, Error = "step 'a' failed" });

        Assert.Equal(new ControlDecision(ControlResult.Accepted, new RunRewound { Timestamp = Now, Reason = "fixed" }), RunControl.Decide(run, ControlRequest.Rewind("fixed"), Now));
    }

    [Fact]
    public void A_purge_of_a_run_under_way_is_a_conflict() =>
        Assert.Equal(ControlResult.Conflict, RunControl.Decide(Running(), ControlRequest.Purge(), Now).Result);

    [Theory]
    [InlineData("\"too slow\"", "too slow")]
    [InlineData("""{ "reason": "too slow" }""", "too slow")]
    [InlineData("""{ "why": "too slow" }""", null)]
    [InlineData("42", null)]
    public void Cancel_takes_its_reason_from_a_string_payload_or_an_object_reason(string payload, string? reason)
    {
        var decision = RunControl.Decide(Running(), ControlRequest.RaiseEvent("cancel", TestPlans.Json(payload)), Now);

        Assert.Equal(ControlResult.Accepted, decision.Result);
        Assert.Equal(new CancelRequested { Timestamp = Now, Reason = reason }, decision.Event);
    }

    [Theory]
    [InlineData("""{ "seconds": 90.5 }""", 90.5)]
    [InlineData("""{ "seconds": 0 }""", null)]
    [InlineData("""{ "seconds": -5 }""", null)]
    [InlineData("""{ "seconds": "60" }""", null)]
    [InlineData("""{ "minutes": 1 }""", null)]
    [InlineData("60", null)]
    public void ExtendTimeout_needs_positive_seconds_in_an_object(string payload, double? seconds)
    {
        var decision = RunControl.Decide(Running(), ControlRequest.RaiseEvent("extendTimeout", TestPlans.Json(payload)), Now);

        if (seconds is null)
        {
            Assert.Equal(new ControlDecision(ControlResult.Invalid, null), decision);
        }
        else
        {
            Assert.Equal(new TimeoutExtended { Timestamp = Now, Seconds = seconds.Value }, decision.Event);
        }
    }

    [Fact]
    public void ExtendTimeout_without_a_payload_is_invalid() =>
        Assert.Equal(ControlResult.Invalid, RunControl.Decide(Running(), ControlRequest.RaiseEvent("extendTimeout", null), Now).Result);

    [Fact]
    public void Any_other_event_is_raised_for_the_steps_that_wait_for_it()
    {
        var payload = TestPlans.Json("""{ "ok": true }""");

        var decision = RunControl.Decide(Running(), ControlRequest.RaiseEvent("approval", payload), Now);

        var raised = Assert.IsType<EventRaised>(decision.Event);
        Assert.Equal(("approval", Now), (raised.Name, raised.Timestamp));
        Assert.Equal(payload.GetRawText(), raised.Payload?.GetRawText());
    }

    [Fact]
    public void Terminate_suspend_and_resume_record_their_reason()
    {
        var run = Running();

        Assert.Equal(new TerminateRequested { Timestamp = Now, Reason = "r1" }, RunControl.Decide(run, ControlRequest.Terminate("r1"), Now).Event);
        Assert.Equal(new SuspendRequested { Timestamp = Now, Reason = "r2" }, RunControl.Decide(run, ControlRequest.Suspend("r2"), Now).Event);
        Assert.Equal(new ResumeRequested { Timestamp = Now, Reason = null }, RunControl.Decide(run, ControlRequest.Resume(null), Now).Event);
    }

    [Fact]
    public void A_start_under_an_id_is_refused_while_its_run_is_under_way_and_replaces_an_ended_one()
    {
        var run = Running();
        Assert.Equal(StartDecision.Start, RunControl.DecideStart(null));
        Assert.Equal(StartDecision.Conflict, RunControl.DecideStart(run));

        run.Apply(new TerminateRequested { Timestamp = Now });

        Assert.Equal(StartDecision.ReplaceEnded, RunControl.DecideStart(run));
    }

    private static PlanRun Running() =>
        PlanRun.FromHistory([new RunStarted { Timestamp = Start, InstanceId = "run", Plan = TestPlans.Plan(TestPlans.Step("a")) }]);

    private static IEnumerable<ControlRequest> AllRequests() =>
    [
        ControlRequest.RaiseEvent("cancel", null),
        ControlRequest.RaiseEvent("extendTimeout", TestPlans.Json("""{ "seconds": 5 }""")),
        ControlRequest.RaiseEvent("approval", null),
        ControlRequest.Terminate(null),
        ControlRequest.Suspend(null),
        ControlRequest.Resume(null),
        ControlRequest.Purge(),
        ControlRequest.Rewind(null),
    ];
}
