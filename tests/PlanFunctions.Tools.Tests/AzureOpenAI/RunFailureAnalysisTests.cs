using PlanFunctions.Core.Completion;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

public sealed class RunFailureAnalysisTests
{
    [Fact]
    public void The_analysis_names_the_failed_step_with_its_error_and_the_steps_skipped_because_of_it()
    {
        var analysis = RunFailureAnalysis.Describe(Runs.FailedFetch());

        Assert.Equal(
            $"""
            Why the run failed (it ended Failed): step 'fetch' failed: {Runs.FetchError}.
            Failed steps:
            - 'fetch' (http) after 3 attempts: {Runs.FetchError}
            Steps that did not run to the end because of them:
            - 'parse' (skipped; it depends on 'fetch'): dependency 'fetch' ended Failed
            - 'report' (skipped; it depends on 'fetch'): dependency 'parse' ended Skipped
            Other steps that did not run to the end:
            - 'notify' (skipped): condition was false: input.notify
            """.ReplaceLineEndings("\n"),
            analysis);
    }

    [Fact]
    public void Steps_cancelled_when_a_stopOnFailure_step_failed_are_put_down_to_it()
    {
        var analysis = RunFailureAnalysis.Describe(Runs.FailedFetch(stopOnFailure: true));

        Assert.Contains($"- 'fetch' (http) after 3 attempts: {Runs.FetchError}; it has stopOnFailure, so the run stopped", analysis, StringComparison.Ordinal);
        Assert.Contains("- 'audit' (cancelled; the run stopped when 'fetch' failed): cancelled: step 'fetch' failed", analysis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_did_not_fail_has_nothing_to_analyse()
    {
        Assert.False(RunFailureAnalysis.IsFailure(Runs.Completed()));
        Assert.Equal("Nothing failed: the run ended Completed.", RunFailureAnalysis.Describe(Runs.Completed()));
    }

    [Fact]
    public async Task The_plain_assistant_adds_the_analysis_to_the_response_of_a_failed_run()
    {
        var assistant = new PlainRunAssistant();
        var request = Runs.FailedFetch();

        var response = await assistant.WriteResponseAsync(request, CancellationToken.None);
        var analysis = await assistant.AnalyseFailureAsync(request, CancellationToken.None);

        Assert.Equal(RunFailureAnalysis.Describe(request), analysis);
        Assert.Equal(request.PlainResponse + "\n\n" + analysis, response);
    }

    [Fact]
    public async Task The_plain_assistant_answers_a_run_that_did_not_fail_with_the_plain_response_alone()
    {
        var request = Runs.Completed();

        Assert.Equal(request.PlainResponse, await new PlainRunAssistant().WriteResponseAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task An_assistant_that_does_not_analyse_failures_itself_gets_the_plain_analysis()
    {
        IRunAssistant assistant = new ResponseOnlyAssistant();

        Assert.Equal(RunFailureAnalysis.Describe(Runs.FailedFetch()), await assistant.AnalyseFailureAsync(Runs.FailedFetch(), CancellationToken.None));
    }

    /// <summary>An assistant written before AnalyseFailureAsync existed.</summary>
    private sealed class ResponseOnlyAssistant : IRunAssistant
    {
        public bool IsConfigured => false;

        public Task<AiConditionAnswer> EvaluateConditionAsync(Core.Execution.Commands.EvaluateAiCondition request, CancellationToken cancellationToken) =>
            Task.FromResult(new AiConditionAnswer(false, null));

        public Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken) => Task.FromResult(request.PlainResponse);
    }
}
