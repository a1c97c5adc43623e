using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.AzureOpenAI;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

public sealed class AzureOpenAIRunAssistantTests
{
    private static readonly EvaluateAiCondition Condition = new()
    {
        StepId = "summarise",
        Question = "Are there any unpaid orders?",
        Goal = "Summarise new orders",
        DependencyOutputs = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["fetch"] = Json.Parse("""{ "orders": [{ "id": 7, "paid": false }] }"""),
            ["count"] = Json.Parse("""{ "n": 1 }"""),
        },
    };

    [Fact]
    public async Task A_condition_is_asked_as_JSON_with_the_goal_the_question_and_the_dependency_outputs()
    {
        await using var service = FakeAzureOpenAI.Answering("""{ "answer": "yes", "explanation": "Order 7 is not paid." }""");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var answer = await host.Assistant.EvaluateConditionAsync(Condition, CancellationToken.None);

        Assert.True(host.Assistant.IsConfigured);
        Assert.Equal(new AiConditionAnswer(true, "Order 7 is not paid."), answer);
        var request = Assert.Single(service.Requests);
        Assert.StartsWith($"/openai/deployments/{FakeAzureOpenAI.Deployment}/chat/completions", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(FakeAzureOpenAI.ApiKey, request.Headers["api-key"]);
        Assert.Equal("json_object", request.Body.GetProperty("response_format").GetProperty("type").GetString());
        var user = request.Text("user");
        Assert.Contains("Summarise new orders", user, StringComparison.Ordinal);
        Assert.Contains("Are there any unpaid orders?", user, StringComparison.Ordinal);
        Assert.Contains("""- 'fetch': { "orders": [{ "id": 7, "paid": false }] }""", user, StringComparison.Ordinal);
        Assert.Contains("""- 'count': { "n": 1 }""", user, StringComparison.Ordinal);
        Assert.Contains("\"answer\": \"yes\" or \"no\"", request.Text("system"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "answer": "no", "explanation": "All orders are paid." }""", false, "All orders are paid.")]
    [InlineData("""{ "answer": "Yes" }""", true, null)]
    [InlineData("""{ "Answer": true, "Explanation": "One is unpaid." }""", true, "One is unpaid.")]
    [InlineData("```json\n{ \"answer\": \"no\", \"explanation\": \"none\" }\n```", false, "none")]
    [InlineData("Yes.", true, null)]
    [InlineData("no - every order is paid", false, "every order is paid")]
    [InlineData("  NO  ", false, null)]
    public async Task The_answer_is_read_from_JSON_or_from_plain_yes_or_no(string reply, bool holds, string? explanation)
    {
        await using var service = FakeAzureOpenAI.Answering(reply);
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var answer = await host.Assistant.EvaluateConditionAsync(Condition, CancellationToken.None);

        Assert.Equal(new AiConditionAnswer(holds, explanation), answer);
    }

    [Theory]
    [InlineData("Maybe, it depends.")]
    [InlineData("""{ "answer": "perhaps" }""")]
    [InlineData("""{ "explanation": "no answer field" }""")]
    [InlineData("Yesterday's orders are all paid.")]
    public async Task An_answer_that_is_neither_yes_nor_no_throws_so_the_engine_asks_again_later(string reply)
    {
        await using var service = FakeAzureOpenAI.Answering(reply);
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var error = await Assert.ThrowsAsync<AzureOpenAIException>(() => host.Assistant.EvaluateConditionAsync(Condition, CancellationToken.None));

        Assert.Contains("the AI condition of step 'summarise' is neither yes nor no", error.Message, StringComparison.Ordinal);
        Assert.Contains(reply, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_failure_while_asking_a_condition_throws_with_the_status()
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Error(429, "Rate limit exceeded."));
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var error = await Assert.ThrowsAsync<AzureOpenAIException>(() => host.Assistant.EvaluateConditionAsync(Condition, CancellationToken.None));

        Assert.Equal((429, true), (error.Status, error.Retryable));
        Assert.Contains("HTTP 429", error.Message, StringComparison.Ordinal);
        Assert.Contains("the AI condition of step 'summarise'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_outputs_are_cut_so_the_prompt_stays_bounded()
    {
        await using var service = FakeAzureOpenAI.Answering("yes");
        using var host = new AzureOpenAITestHost(service.Endpoint);
        var huge = Json.Parse(System.Text.Json.JsonSerializer.Serialize(new { text = new string('x', 200_000) }));
        var outputs = Enumerable.Range(1, 20).ToDictionary(i => $"step{i:00}", _ => huge);

        await host.Assistant.EvaluateConditionAsync(Condition with { DependencyOutputs = outputs }, CancellationToken.None);

        var user = Assert.Single(service.Requests).Text("user");
        Assert.InRange(user.Length, 1, 30_000);
        Assert.Contains("characters in all)", user, StringComparison.Ordinal);
        Assert.Contains("- 'step20': (left out", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_response_of_a_completed_run_is_written_from_the_goal_and_the_step_outcomes()
    {
        await using var service = FakeAzureOpenAI.Answering("  Three new orders came in today.  ");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var response = await host.Assistant.WriteResponseAsync(Runs.Completed(), CancellationToken.None);

        Assert.Equal("Three new orders came in today.", response);
        var user = Assert.Single(service.Requests).Text("user");
        Assert.Contains("Goal: Summarise new orders", user, StringComparison.Ordinal);
        Assert.Contains("The run ended Completed.", user, StringComparison.Ordinal);
        Assert.Contains("- 'count' (tool echo): Succeeded, 2 attempts", user, StringComparison.Ordinal);
        Assert.Contains("""output: { "n": 3 }""", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_step_output_is_cut_in_the_response_prompt()
    {
        await using var service = FakeAzureOpenAI.Answering("Done.");
        using var host = new AzureOpenAITestHost(service.Endpoint);
        var large = System.Text.Json.JsonSerializer.Serialize(new { text = new string('y', 100_000) });

        await host.Assistant.WriteResponseAsync(Runs.Completed(large), CancellationToken.None);

        var user = Assert.Single(service.Requests).Text("user");
        Assert.InRange(user.Length, 1, 10_000);
        Assert.Contains("characters in all)", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_response_of_a_failed_run_includes_an_analysis_written_from_the_engines_findings()
    {
        await using var service = FakeAzureOpenAI.Replying(
            FakeAzureOpenAI.Completion("The orders could not be fetched, so no summary was written."),
            FakeAzureOpenAI.Completion("The orders service answered 503 three times; parse and report never ran. Retry later."));
        using var host = new AzureOpenAITestHost(service.Endpoint);
        var request = Runs.FailedFetch();

        var response = await host.Assistant.WriteResponseAsync(request, CancellationToken.None);

        Assert.Equal(
            "The orders could not be fetched, so no summary was written.\n\n"
            + "The orders service answered 503 three times; parse and report never ran. Retry later.",
            response);
        Assert.Equal(2, service.Requests.Count);
        var analysisPrompt = service.Requests[1].Text("user");
        Assert.Contains(RunFailureAnalysis.Describe(request), analysisPrompt, StringComparison.Ordinal);
        Assert.Contains($"error: {Runs.FetchError}", analysisPrompt, StringComparison.Ordinal);
        Assert.Contains("explain why an automated plan run failed", service.Requests[1].Text("system"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analysis_of_a_run_that_did_not_fail_does_not_ask_the_model()
    {
        await using var service = FakeAzureOpenAI.Answering("never");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var analysis = await host.Assistant.AnalyseFailureAsync(Runs.Completed(), CancellationToken.None);

        Assert.Equal("Nothing failed: the run ended Completed.", analysis);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task A_service_failure_while_writing_the_response_throws_for_the_engine_to_fall_back()
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Error(500, "Internal error."));
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var error = await Assert.ThrowsAsync<AzureOpenAIException>(() => host.Assistant.WriteResponseAsync(Runs.Completed(), CancellationToken.None));

        Assert.Contains("the response of plan 'Morning report' failed: HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_response_is_a_failure_not_an_empty_text()
    {
        await using var service = FakeAzureOpenAI.Answering("   ");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var error = await Assert.ThrowsAsync<AzureOpenAIException>(() => host.Assistant.WriteResponseAsync(Runs.Completed(), CancellationToken.None));

        Assert.Contains("wrote an empty response", error.Message, StringComparison.Ordinal);
    }
}
