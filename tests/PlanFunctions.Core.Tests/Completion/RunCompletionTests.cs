using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Completion;

public sealed class RunCompletionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_request_for_the_final_response_holds_the_plan_each_step_and_the_plain_response()
    {
        var (run, completion) = FailedFetch();

        var request = RunCompletion.RequestFor(run, completion);

        Assert.Equal((RuntimeStatus.Failed, completion.Error), (request.RuntimeStatus, request.Error));
        Assert.Same(run.Plan, request.Plan);
        Assert.Equal(StepStatus.Failed, request.Steps["fetch"].Status);
        Assert.Equal(StepStatus.Skipped, request.Steps["report"].Status);
        Assert.Equal(run.PlainResponse(), request.PlainResponse);
    }

    [Fact]
    public void The_fallback_of_a_failed_run_is_the_plain_response_and_the_analysis_of_why_it_failed()
    {
        var (run, completion) = FailedFetch();
        var request = RunCompletion.RequestFor(run, completion);

        var fallback = RunCompletion.FallbackResponse(request);

        Assert.Equal(request.PlainResponse + "\n\n" + RunFailureAnalysis.Describe(request), fallback);
        Assert.Contains("'fetch' (echo) after 1 attempt: HTTP 503", fallback, StringComparison.Ordinal);
        Assert.Contains("'report' (skipped; it depends on 'fetch')", fallback, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_recorded_without_a_response_shows_what_the_engines_record_without_a_model()
    {
        var (recordedByEngine, completion) = FailedFetch();
        var (recordedWithout, _) = FailedFetch();
        var response = RunCompletion.FallbackResponse(RunCompletion.RequestFor(recordedByEngine, completion));

        recordedByEngine.Apply(RunCompletion.Completed(completion, response, Start.AddMinutes(1)));
        recordedWithout.Apply(new RunCompleted { Timestamp = Start.AddMinutes(1), RuntimeStatus = completion.RuntimeStatus, Error = completion.Error });

        Assert.Equal(response, recordedByEngine.GetOutput()!.Response);
        Assert.Equal(response, recordedWithout.GetOutput()!.Response);
        Assert.Equal(RunCompletion.FallbackResponse(RunCompletion.RequestFor(recordedWithout)), recordedWithout.GetOutput()!.Response);
    }

    [Fact]
    public void A_completed_run_falls_back_to_the_plain_response_alone()
    {
        var run = Started(TestPlans.Step("a"));
        run.Decide(Start);
        run.Apply(new StepSucceeded { Timestamp = Start, StepId = "a", Attempt = 1, Output = TestPlans.Json("1") });
        var completion = run.Decide(Start).Commands.OfType<CompleteRun>().Single();

        Assert.Equal(run.PlainResponse(), RunCompletion.FallbackResponse(RunCompletion.RequestFor(run, completion)));
    }

    [Fact]
    public void The_request_of_a_run_that_has_not_ended_comes_from_its_CompleteRun_command()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RunCompletion.RequestFor(Started(TestPlans.Step("a"))));

        Assert.Contains("has not ended", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A run whose first step failed for good and whose second was skipped because of it, ready to complete.</summary>
    private static (PlanRun Run, CompleteRun Completion) FailedFetch()
    {
        var run = Started(TestPlans.Step("fetch"), TestPlans.Step("report", dependsOn: "fetch"));
        run.Decide(Start);
        run.Apply(new StepFailed { Timestamp = Start, StepId = "fetch", Attempt = 1, Error = "HTTP 503", Retryable = false });
        return (run, run.Decide(Start).Commands.OfType<CompleteRun>().Single());
    }

    private static PlanRun Started(params PlanStep[] steps) =>
        PlanRun.FromHistory([new RunStarted { Timestamp = Start, InstanceId = "run", Plan = TestPlans.Plan(steps) }]);
}
