using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using static PlanFunctions.Core.Tests.Execution.TestPlans;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>Every rule of plan-format.md, driven through the state machine in simulated time.</summary>
public sealed class PlanRunScenarioTests
{
    [Fact]
    public void A_chain_runs_in_order_and_templates_carry_typed_values()
    {
        var plan = Plan(
            Step("fetch", parameters: new { total = 3, items = new[] { "a", "b" } }),
            Step("count", parameters: new { n = "{{ steps.fetch.output.total }}", text = "total={{ steps.fetch.output.total }}" }, dependsOn: "fetch"));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(["fetch", "count"], sim.Dispatches.Select(d => d.StepId));
        var count = run.GetStep("count").Output!.Value;
        Assert.Equal(JsonValueKind.Number, count.GetProperty("n").ValueKind);
        Assert.Equal(3, count.GetProperty("n").GetInt32());
        Assert.Equal("total=3", count.GetProperty("text").GetString());
        var output = run.GetOutput()!;
        Assert.Equal(RunOutcome.Succeeded, output.Outcome);
        Assert.Null(output.Error);
        Assert.False(string.IsNullOrWhiteSpace(output.Response));
    }

    [Fact]
    public void A_fan_out_runs_in_parallel_and_the_join_waits_for_every_branch()
    {
        var plan = Plan(
            Step("start"),
            Step("a", "delay", new { milliseconds = 3000 }, "start"),
            Step("b", "delay", new { milliseconds = 1000 }, "start"),
            Step("c", "delay", new { milliseconds = 2000 }, "start"),
            Step("join", dependsOn: ["a", "b", "c"]));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        var dispatchTimes = sim.History.OfType<StepDispatched>().ToDictionary(e => e.StepId, e => e.Timestamp);
        Assert.Equal(dispatchTimes["a"], dispatchTimes["b"]);
        Assert.Equal(dispatchTimes["a"], dispatchTimes["c"]);
        Assert.True(dispatchTimes["join"] >= run.GetStep("a").CompletedTime);
        Assert.Equal(run.GetStep("a").CompletedTime, dispatchTimes["join"]);
    }

    [Fact]
    public void Retryable_failures_are_retried_with_exponential_backoff()
    {
        var plan = Plan(Step("flaky", "fail", new { message = "boom", failTimes = 3 }) with
        {
            Retry = new RetryPolicy { MaxNumberOfAttempts = 5, FirstRetryIntervalSeconds = 2, BackoffCoefficient = 3 },
        });
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(4, run.GetStep("flaky").Attempts);
        var starts = sim.History.OfType<StepDispatched>().Select(e => e.Timestamp).ToList();
        var fails = sim.History.OfType<StepFailed>().Select(e => e.Timestamp).ToList();
        Assert.Equal(TimeSpan.FromSeconds(2), starts[1] - fails[0]);
        Assert.Equal(TimeSpan.FromSeconds(6), starts[2] - fails[1]);
        Assert.Equal(TimeSpan.FromSeconds(18), starts[3] - fails[2]);
    }

    [Fact]
    public void A_step_waits_between_retries_in_WaitingToRetry()
    {
        var plan = Plan(Step("flaky", "fail", new { failTimes = 1 }) with { Retry = new RetryPolicy { FirstRetryIntervalSeconds = 10 } });
        var sim = new RunSimulator(plan);

        sim.RunUntil(() => sim.History.OfType<StepFailed>().Any());
        sim.Decide();

        Assert.Equal(StepStatus.WaitingToRetry, sim.Run.GetStep("flaky").Status);
        Assert.Single(sim.Dispatches);
        Assert.Equal(sim.Now + TimeSpan.FromSeconds(10), sim.Run.Decide(sim.Now).NextWakeUp);
    }

    [Fact]
    public void Retry_waits_never_exceed_the_maximum_interval()
    {
        var plan = Plan(Step("flaky", "fail", new { failTimes = 5 }) with
        {
            Retry = new RetryPolicy { MaxNumberOfAttempts = 6, FirstRetryIntervalSeconds = 10, BackoffCoefficient = 10, MaxRetryIntervalSeconds = 30 },
        });
        var sim = new RunSimulator(plan);

        sim.RunToEnd();

        var starts = sim.History.OfType<StepDispatched>().Select(e => e.Timestamp).ToList();
        var fails = sim.History.OfType<StepFailed>().Select(e => e.Timestamp).ToList();
        Assert.Equal(TimeSpan.FromSeconds(10), starts[1] - fails[0]);
        Assert.All(Enumerable.Range(2, 4), i => Assert.Equal(TimeSpan.FromSeconds(30), starts[i] - fails[i - 1]));
    }

    [Fact]
    public void No_retry_starts_after_the_retry_timeout()
    {
        var plan = Plan(Step("flaky", "fail", new { message = "still down" }) with
        {
            Retry = new RetryPolicy { MaxNumberOfAttempts = 100, FirstRetryIntervalSeconds = 4, BackoffCoefficient = 1, RetryTimeoutSeconds = 20 },
        });
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        var step = run.GetStep("flaky");
        Assert.Equal(StepStatus.Failed, step.Status);
        var firstStart = sim.History.OfType<StepDispatched>().First().Timestamp;
        Assert.All(sim.History.OfType<StepDispatched>(), d => Assert.True(d.Timestamp <= firstStart + TimeSpan.FromSeconds(20)));

        // Each attempt fails after 1 s and waits 4 s: attempts start at 0, 5, 10, 15 and 20 s; the next would start at 25 s.
        Assert.Equal(5, step.Attempts);
    }

    [Fact]
    public void A_fatal_failure_is_not_retried_and_dependents_are_skipped_naming_it()
    {
        var plan = Plan(
            Step("bad", "fail", new { message = "bad parameters", retryable = false }),
            Step("after", dependsOn: "bad"),
            Step("independent"));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal(1, run.GetStep("bad").Attempts);
        Assert.Equal(StepStatus.Failed, run.GetStep("bad").Status);
        Assert.Equal("bad parameters", run.GetStep("bad").Error);
        Assert.Equal(StepStatus.Skipped, run.GetStep("after").Status);
        Assert.Contains("'bad'", run.GetStep("after").Error);
        Assert.Equal(StepStatus.Succeeded, run.GetStep("independent").Status);
        var output = run.GetOutput()!;
        Assert.Equal(RunOutcome.PartiallySucceeded, output.Outcome);
        Assert.Contains("bad", output.Error);
    }

    [Fact]
    public void A_run_in_which_nothing_succeeded_has_outcome_Failed()
    {
        var plan = Plan(Step("bad", "fail", new { retryable = false }));

        var run = new RunSimulator(plan).RunToEnd();

        Assert.Equal(RunOutcome.Failed, run.GetOutput()!.Outcome);
    }

    [Fact]
    public void Skipping_propagates_down_the_chain()
    {
        var plan = Plan(
            Step("a", "fail", new { retryable = false }),
            Step("b", dependsOn: "a"),
            Step("c", dependsOn: "b"));

        var run = new RunSimulator(plan).RunToEnd();

        Assert.Equal(StepStatus.Skipped, run.GetStep("b").Status);
        Assert.Equal(StepStatus.Skipped, run.GetStep("c").Status);
        Assert.Contains("'b'", run.GetStep("c").Error);
    }

    [Fact]
    public void An_attempt_that_runs_past_its_timeout_is_cancelled_and_retried()
    {
        var plan = Plan(Step("slow", "custom") with
        {
            TimeoutSeconds = 5,
            Retry = new RetryPolicy { MaxNumberOfAttempts = 2, FirstRetryIntervalSeconds = 1 },
        });
        var sim = new RunSimulator(plan, d => new SimulatedOutcome.Hang());

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal(2, sim.History.OfType<StepTimedOut>().Count());
        Assert.Equal([1, 2], sim.Cancellations.Select(c => c.Attempt));
        var step = run.GetStep("slow");
        Assert.Equal(2, step.Attempts);
        Assert.Contains("timed out after 5 s", step.Error);
        var firstTimeout = sim.History.OfType<StepTimedOut>().First();
        Assert.Equal(sim.History.OfType<StepDispatched>().First().Timestamp + TimeSpan.FromSeconds(5), firstTimeout.Timestamp);
    }

    [Fact]
    public void A_result_for_an_attempt_no_longer_awaited_is_ignored()
    {
        var plan = Plan(Step("slow", "custom") with { TimeoutSeconds = 5, Retry = new RetryPolicy { MaxNumberOfAttempts = 2, FirstRetryIntervalSeconds = 1 } });
        var sim = new RunSimulator(plan, d => new SimulatedOutcome.Hang());
        sim.RunUntil(() => sim.Dispatches.Count == 2);

        sim.Record(new StepSucceeded { Timestamp = sim.Now, StepId = "slow", Attempt = 1, Output = Json("\"late\"") });

        Assert.Equal(StepStatus.Running, sim.Run.GetStep("slow").Status);
        Assert.False(sim.Run.IsAwaiting("slow", 1));
        Assert.True(sim.Run.IsAwaiting("slow", 2));
    }

    [Fact]
    public void The_run_fails_when_its_deadline_passes_and_running_steps_are_cancelled()
    {
        var plan = Plan(Step("long", "custom") with { TimeoutSeconds = 1000 }, Step("next", dependsOn: "long")) with { TimeoutSeconds = 60 };
        var sim = new RunSimulator(plan, d => new SimulatedOutcome.Hang());

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("timed out", run.Error);
        Assert.Equal(sim.History.OfType<RunStarted>().Single().Timestamp + TimeSpan.FromSeconds(60), sim.History.OfType<RunTimedOut>().Single().Timestamp);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("long").Status);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("next").Status);
        Assert.Contains(sim.Cancellations, c => c.StepId == "long");
    }

    [Fact]
    public void ExtendTimeout_moves_the_deadline_and_the_remaining_time()
    {
        var plan = Plan(Step("long", "delay", new { milliseconds = 90_000 }) with { TimeoutSeconds = 1000 }) with { TimeoutSeconds = 60 };
        var sim = new RunSimulator(plan);
        sim.Decide();
        sim.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(30, sim.Run.GetProgress(sim.Now).RemainingSeconds);

        sim.Record(new TimeoutExtended { Timestamp = sim.Now, Seconds = 60 });

        Assert.Equal(90, sim.Run.GetProgress(sim.Now).RemainingSeconds);
        var run = sim.RunToEnd();
        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
    }

    [Fact]
    public void Cancel_cancels_running_steps_starts_nothing_new_and_ends_Canceled()
    {
        var plan = Plan(Step("a", "delay", new { milliseconds = 10_000 }), Step("b", dependsOn: "a"), Step("done"));
        var sim = new RunSimulator(plan);
        sim.RunUntil(() => sim.Run.GetStep("done").Status == StepStatus.Succeeded);

        sim.Record(new CancelRequested { Timestamp = sim.Now, Reason = "user asked" });
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Canceled, run.RuntimeStatus);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("a").Status);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("b").Status);
        Assert.Equal(StepStatus.Succeeded, run.GetStep("done").Status);
        Assert.Contains(sim.Cancellations, c => c.StepId == "a" && c.Attempt == 1);
        Assert.DoesNotContain(sim.Dispatches, d => d.StepId == "b");
        Assert.Contains("user asked", run.Error);
        Assert.Equal(RunOutcome.PartiallySucceeded, run.GetOutput()!.Outcome);
    }

    [Fact]
    public void Terminate_stops_the_run_at_once()
    {
        var plan = Plan(Step("a", "delay", new { milliseconds = 10_000 }), Step("b", dependsOn: "a"));
        var sim = new RunSimulator(plan);
        sim.Decide();

        sim.Record(new TerminateRequested { Timestamp = sim.Now, Reason = "wrong plan" });

        Assert.True(sim.Run.IsEnded);
        Assert.Equal(RuntimeStatus.Terminated, sim.Run.RuntimeStatus);
        var decision = sim.Decide();
        Assert.Contains(decision.Commands.OfType<CancelAttempt>(), c => c.StepId == "a");
        Assert.DoesNotContain(decision.Commands, c => c is DispatchStep or CompleteRun);
        Assert.Equal(StepStatus.Cancelled, sim.Run.GetOutput()!.Steps["b"].Status);
        Assert.Contains("wrong plan", sim.Run.GetOutput()!.Error);
    }

    [Fact]
    public void Suspend_starts_nothing_new_while_running_steps_finish_and_resume_carries_on()
    {
        var plan = Plan(Step("a", "delay", new { milliseconds = 5000 }), Step("b", dependsOn: "a"));
        var sim = new RunSimulator(plan);
        sim.Decide();

        sim.Record(new SuspendRequested { Timestamp = sim.Now });
        sim.RunUntil(() => sim.Run.GetStep("a").Status == StepStatus.Succeeded);
        sim.Advance(TimeSpan.FromMinutes(5));
        sim.Decide();

        Assert.Equal(RuntimeStatus.Suspended, sim.Run.RuntimeStatus);
        Assert.Equal(StepStatus.Pending, sim.Run.GetStep("b").Status);
        Assert.DoesNotContain(sim.Dispatches, d => d.StepId == "b");

        sim.Record(new ResumeRequested { Timestamp = sim.Now });
        var run = sim.RunToEnd();
        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
    }

    [Fact]
    public void A_retry_due_while_suspended_waits_for_resume()
    {
        var plan = Plan(Step("flaky", "fail", new { failTimes = 1 }) with { Retry = new RetryPolicy { FirstRetryIntervalSeconds = 1 } });
        var sim = new RunSimulator(plan);
        sim.RunUntil(() => sim.Run.GetStep("flaky").Status == StepStatus.WaitingToRetry);
        sim.Record(new SuspendRequested { Timestamp = sim.Now });

        sim.Advance(TimeSpan.FromMinutes(1));
        sim.Decide();
        Assert.Single(sim.Dispatches);

        sim.Record(new ResumeRequested { Timestamp = sim.Now });
        sim.Decide();
        Assert.Equal(2, sim.Dispatches.Count);
    }

    [Fact]
    public void WaitForEvent_receives_the_payload_of_the_event_raised()
    {
        var plan = Plan(
            Step("approval", "waitForEvent", new { eventName = "approved" }),
            Step("ship", parameters: new { by = "{{ steps.approval.output.by }}" }, dependsOn: "approval"));
        var sim = new RunSimulator(plan);
        sim.Decide();
        Assert.Equal(StepStatus.Running, sim.Run.GetStep("approval").Status);
        Assert.Empty(sim.Dispatches);

        sim.Advance(TimeSpan.FromSeconds(30));
        sim.Record(new EventRaised { Timestamp = sim.Now, Name = "approved", Payload = Json("""{"by":"ana"}""") });
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal("ana", run.GetStep("ship").Output!.Value.GetProperty("by").GetString());
    }

    [Fact]
    public void An_event_raised_before_its_step_starts_is_received_when_it_starts()
    {
        var plan = Plan(Step("first", "delay", new { milliseconds = 1000 }), Step("wait", "waitForEvent", new { eventName = "go" }, "first"));
        var sim = new RunSimulator(plan);
        sim.Decide();

        sim.Record(new EventRaised { Timestamp = sim.Now, Name = "go", Payload = Json("42") });
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(42, run.GetStep("wait").Output!.Value.GetInt32());
    }

    [Fact]
    public void WaitForEvent_times_out_as_a_failure()
    {
        var plan = Plan(Step("wait", "waitForEvent", new { eventName = "never", timeoutSeconds = 30 }) with { Retry = NoRetry });
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal(StepStatus.Failed, run.GetStep("wait").Status);
        Assert.Equal(sim.History.OfType<StepDispatched>().Single().Timestamp + TimeSpan.FromSeconds(30), sim.History.OfType<StepTimedOut>().Single().Timestamp);
    }

    [Fact]
    public void A_timed_out_waitForEvent_names_its_own_limit_also_after_a_snapshot()
    {
        var plan = Plan(Step("wait", "waitForEvent", new { eventName = "never", timeoutSeconds = 0.5 }) with { Retry = NoRetry, TimeoutSeconds = 300 });
        var sim = new RunSimulator(plan);
        sim.Decide();
        var restored = PlanRun.FromSnapshot(sim.Run.ToSnapshot());

        restored.Apply(new StepTimedOut { Timestamp = sim.Now.AddSeconds(0.5), StepId = "wait", Attempt = 1 });

        Assert.Equal("attempt 1 timed out after 0.5 s", restored.GetStep("wait").Error);
        Assert.Equal(0.5, sim.Run.ToSnapshot().Steps[0].AttemptTimeoutSeconds);
    }

    [Fact]
    public void StopOnFailure_cancels_what_runs_and_what_waits_and_fails_the_run()
    {
        var plan = Plan(
            Step("critical", "fail", new { message = "no orders", retryable = false }) with { StopOnFailure = true },
            Step("slow", "delay", new { milliseconds = 60_000 }),
            Step("later", dependsOn: "slow"));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("critical", run.Error);
        Assert.Contains("stopOnFailure", run.Error);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("slow").Status);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("later").Status);
        Assert.Contains(sim.Cancellations, c => c.StepId == "slow");
        Assert.True(sim.Now < sim.History.OfType<RunStarted>().Single().Timestamp + TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void StopOnFailure_from_the_plan_defaults_applies_to_every_step()
    {
        var plan = Plan(Step("a", "fail", new { retryable = false }), Step("b", "delay", new { milliseconds = 60_000 })) with
        {
            Defaults = new PlanDefaults { StopOnFailure = true },
        };

        var run = new RunSimulator(plan).RunToEnd();

        Assert.Equal(StepStatus.Cancelled, run.GetStep("b").Status);
    }

    [Fact]
    public void A_step_whose_condition_is_false_is_skipped_and_its_dependents_too()
    {
        var plan = Plan(
            Step("count", parameters: new { n = 0 }),
            Step("summarise", dependsOn: "count") with { Condition = StepCondition.FromExpression("steps.count.output.n > 0") },
            Step("send", dependsOn: "summarise"));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, run.GetStep("summarise").Status);
        Assert.Contains("steps.count.output.n > 0", run.GetStep("summarise").Error);
        Assert.Equal(StepStatus.Skipped, run.GetStep("send").Status);
        Assert.False(sim.History.OfType<ConditionEvaluated>().Single().Result);
    }

    [Fact]
    public void A_condition_that_reads_a_failed_dependency_status_decides_instead_of_skipping()
    {
        var plan = Plan(
            Step("primary", "fail", new { retryable = false }),
            Step("fallback", dependsOn: "primary") with { Condition = StepCondition.FromExpression("steps.primary.status == 'Failed'") });

        var run = new RunSimulator(plan).RunToEnd();

        Assert.Equal(StepStatus.Succeeded, run.GetStep("fallback").Status);
    }

    [Fact]
    public void An_AI_condition_is_asked_once_and_its_answer_is_recorded()
    {
        var plan = Plan(
            Step("draft", parameters: new { text = "hello" }),
            Step("publish", dependsOn: "draft") with { Condition = StepCondition.FromAiQuestion("Is the draft polite?") }) with { Goal = "publish a polite note" };
        var sim = new RunSimulator(plan) { AiAnswer = ask => ask.DependencyOutputs["draft"].GetProperty("text").GetString() == "hello" };

        var run = sim.RunToEnd();

        Assert.Equal(StepStatus.Succeeded, run.GetStep("publish").Status);
        var ask = Assert.Single(sim.Commands.OfType<EvaluateAiCondition>());
        Assert.Equal("publish a polite note", ask.Goal);
        Assert.True(sim.History.OfType<ConditionEvaluated>().Single().Result);
    }

    [Fact]
    public void An_AI_condition_answered_no_skips_the_step()
    {
        var plan = Plan(Step("publish") with { Condition = StepCondition.FromAiQuestion("Go?") });
        var sim = new RunSimulator(plan) { AiAnswer = _ => false };

        var run = sim.RunToEnd();

        Assert.Equal(StepStatus.Skipped, run.GetStep("publish").Status);
        Assert.Contains("Go?", run.GetStep("publish").Error);
    }

    [Fact]
    public void Replaying_a_recorded_AI_answer_never_asks_again()
    {
        var plan = Plan(Step("publish") with { Condition = StepCondition.FromAiQuestion("Go?") }, Step("other", "delay", new { milliseconds = 5000 }));
        var sim = new RunSimulator(plan);
        sim.Decide();

        var rebuilt = PlanRun.FromHistory(sim.History);

        Assert.DoesNotContain(rebuilt.RecoverInFlight(), c => c is EvaluateAiCondition);
        Assert.DoesNotContain(rebuilt.Decide(sim.Now).Commands, c => c is EvaluateAiCondition);
    }

    [Fact]
    public void An_unanswered_AI_condition_is_asked_again_after_recovery()
    {
        var plan = Plan(Step("publish") with { Condition = StepCondition.FromAiQuestion("Go?") });
        var sim = new RunSimulator(plan) { AnswerAiConditions = false };
        sim.Decide();

        var rebuilt = PlanRun.FromHistory(sim.History);

        Assert.Single(rebuilt.RecoverInFlight().OfType<EvaluateAiCondition>());
    }

    [Fact]
    public void A_template_path_missing_at_run_time_fails_the_step_without_retry_naming_the_path()
    {
        var plan = Plan(Step("a", parameters: new { x = 1 }), Step("b", parameters: new { y = "{{ steps.a.output.missing }}" }, dependsOn: "a"));
        var sim = new RunSimulator(plan);

        var run = sim.RunToEnd();

        var b = run.GetStep("b");
        Assert.Equal(StepStatus.Failed, b.Status);
        Assert.Equal(1, b.Attempts);
        Assert.Contains("steps.a.output.missing", b.Error);
        Assert.DoesNotContain(sim.Dispatches, d => d.StepId == "b");
    }

    [Fact]
    public void Templates_read_input_and_the_run()
    {
        var plan = Plan(Step("hello", parameters: new { who = "{{ input.user.name }}", id = "{{ run.instanceId }}", plan = "{{ run.name }}" })) with
        {
            Input = Json("""{"user":{"name":"ana"}}"""),
        };

        var run = new RunSimulator(plan, instanceId: "abc").RunToEnd();

        var output = run.GetStep("hello").Output!.Value;
        Assert.Equal("ana", output.GetProperty("who").GetString());
        Assert.Equal("abc", output.GetProperty("id").GetString());
        Assert.Equal("test plan", output.GetProperty("plan").GetString());
    }

    [Fact]
    public void After_recovery_the_attempt_in_flight_is_dispatched_again_and_ended_steps_are_not()
    {
        var plan = Plan(Step("done"), Step("busy", "delay", new { milliseconds = 60_000 }, "done"));
        var sim = new RunSimulator(plan);
        sim.RunUntil(() => sim.Run.GetStep("busy").Status == StepStatus.Running);

        var rebuilt = PlanRun.FromHistory(sim.History);
        var recovered = rebuilt.RecoverInFlight();

        var dispatch = Assert.Single(recovered.OfType<DispatchStep>());
        Assert.Equal("busy", dispatch.StepId);
        Assert.Equal(1, dispatch.Attempt);
        Assert.Equal(sim.Dispatches.Last().Deadline, dispatch.Deadline);
        Assert.DoesNotContain(rebuilt.Decide(sim.Now).Commands.OfType<DispatchStep>(), d => d.StepId == "done");
    }

    [Fact]
    public void Deciding_twice_at_the_same_moment_concludes_nothing_new()
    {
        var plan = Plan(Step("a"), Step("b"), Step("c", dependsOn: ["a", "b"]));
        var run = new PlanRun();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        run.Apply(new RunStarted { Timestamp = now, InstanceId = "x", Plan = plan });

        var first = run.Decide(now);
        var second = run.Decide(now);

        Assert.Equal(2, first.Commands.OfType<DispatchStep>().Count());
        Assert.True(second.IsEmpty);
    }

    [Fact]
    public void Progress_counts_steps_and_names_the_current_one()
    {
        var plan = Plan(
            Step("ok"),
            Step("bad", "fail", new { retryable = false }),
            Step("skipped", dependsOn: "bad"),
            Step("slow", "delay", new { milliseconds = 30_000 }, "ok")) with { TimeoutSeconds = 600 };
        var sim = new RunSimulator(plan);
        sim.RunUntil(() => sim.Run.GetStep("slow").Status == StepStatus.Running);
        sim.Advance(TimeSpan.FromSeconds(10));

        var progress = sim.Run.GetProgress(sim.Now);

        Assert.Equal("run-1", progress.PlanId);
        Assert.Equal("slow", progress.CurrentStep);
        Assert.Equal(4, progress.TotalSteps);
        Assert.Equal(1, progress.CompletedSteps);
        Assert.Equal(1, progress.FailedSteps);
        Assert.Equal(1, progress.SkippedSteps);
        Assert.Equal(RuntimeStatus.Running, progress.Status);
        var elapsed = (sim.Now - sim.History.OfType<RunStarted>().Single().Timestamp).TotalSeconds;
        Assert.Equal(elapsed, progress.ElapsedSeconds);
        Assert.Equal(600 - elapsed, progress.RemainingSeconds);
    }

    [Fact]
    public void The_output_accounts_for_every_step_with_times_and_attempts()
    {
        var plan = Plan(Step("a"), Step("b", "fail", new { failTimes = 1 }) with { Retry = new RetryPolicy { FirstRetryIntervalSeconds = 1 } });
        var sim = new RunSimulator(plan);

        var output = sim.RunToEnd().GetOutput()!;

        Assert.Equal(["a", "b"], output.Steps.Keys.Order());
        var b = output.Steps["b"];
        Assert.Equal(2, b.Attempts);
        Assert.NotNull(b.StartedTime);
        Assert.True(b.CompletedTime > b.StartedTime);
        Assert.Equal(2, b.Output!.Value.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public void Events_round_trip_through_json_and_rebuild_the_same_run()
    {
        var plan = Plan(
            Step("a", parameters: new { n = 1 }),
            Step("b", "fail", new { failTimes = 1 }, "a") with { Condition = StepCondition.FromExpression("steps.a.output.n == 1") });
        var sim = new RunSimulator(plan);
        sim.RunToEnd();

        var json = System.Text.Json.JsonSerializer.Serialize(sim.History, Serialization.PlanJson.Options);
        var history = System.Text.Json.JsonSerializer.Deserialize<List<RunEvent>>(json, Serialization.PlanJson.Options)!;
        var rebuilt = PlanRun.FromHistory(history);

        Assert.Equal(RunSnapshot.Of(sim.Run), RunSnapshot.Of(rebuilt));
    }

    [Fact]
    public void A_run_aborted_by_the_engine_cancels_what_runs_and_fails_with_the_reason()
    {
        var plan = Plan(Step("slow", "delay", new { milliseconds = 60_000 }), Step("after", dependsOn: "slow"));
        var sim = new RunSimulator(plan);
        sim.Decide();

        sim.Record(new RunAborted { Timestamp = sim.Now, Reason = "the run's history reached its limit of 10 events" });
        var run = sim.RunToEnd();

        Assert.Equal(RuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal("the run's history reached its limit of 10 events", run.Error);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("slow").Status);
        Assert.Equal(StepStatus.Cancelled, run.GetStep("after").Status);
        Assert.Contains(sim.Cancellations, c => c.StepId == "slow");
    }
}
