using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

public sealed class AiChatToolTests
{
    [Fact]
    public async Task The_prompt_and_system_go_to_the_deployment_with_the_key_and_the_text_comes_back()
    {
        await using var service = FakeAzureOpenAI.Answering("Three new orders, all paid.");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(
            Json.Invocation("""{ "prompt": "Summarise these orders: [1, 2, 3]", "system": "You are terse." }"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("""{"text":"Three new orders, all paid."}""", result.Output.GetRawText());
        var request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith($"/openai/deployments/{FakeAzureOpenAI.Deployment}/chat/completions?api-version=", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(FakeAzureOpenAI.ApiKey, request.Headers["api-key"]);
        Assert.Equal([("system", "You are terse."), ("user", "Summarise these orders: [1, 2, 3]")], request.Messages);
        Assert.False(request.Body.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task Without_a_system_message_only_the_prompt_is_sent()
    {
        await using var service = FakeAzureOpenAI.Answering("Hello.");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Say hello" }"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([("user", "Say hello")], Assert.Single(service.Requests).Messages);
    }

    [Fact]
    public async Task Json_mode_asks_for_a_JSON_object_and_returns_the_reply_parsed()
    {
        await using var service = FakeAzureOpenAI.Answering("""{ "count": 3, "paid": true }""");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(
            Json.Invocation("""{ "prompt": "Count the orders", "system": "Be exact.", "json": true }"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(3, result.Output.GetProperty("count").GetInt32());
        Assert.True(result.Output.GetProperty("paid").GetBoolean());
        var request = Assert.Single(service.Requests);
        Assert.Equal("json_object", request.Body.GetProperty("response_format").GetProperty("type").GetString());
        // The service refuses a JSON reply format unless a message asks for JSON.
        Assert.StartsWith("Be exact.", request.Text("system"), StringComparison.Ordinal);
        Assert.Contains("JSON", request.Text("system"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_mode_reads_a_reply_wrapped_in_a_code_fence()
    {
        await using var service = FakeAzureOpenAI.Answering("```json\n{ \"ok\": true }\n```");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Is it ok?", "json": true }"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(result.Output.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Json_mode_with_a_reply_that_is_not_JSON_fails_without_retry_quoting_the_reply()
    {
        await using var service = FakeAzureOpenAI.Answering("Sure! Here are the orders: three.");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Count the orders", "json": true }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("not JSON", result.Message, StringComparison.Ordinal);
        Assert.Contains("Sure! Here are the orders: three.", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_reply_cut_at_the_token_limit_says_so()
    {
        await using var service = FakeAzureOpenAI.Answering("""{ "items": [1, 2""", finishReason: "length");
        using var host = new AzureOpenAITestHost(service.Endpoint, new() { ["AzureOpenAI:MaxOutputTokens"] = "16" });

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "List", "json": true }"""), CancellationToken.None);

        Assert.False(result.Retryable);
        Assert.Contains("AzureOpenAI:MaxOutputTokens", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxOutputTokens_is_sent_when_configured()
    {
        await using var service = FakeAzureOpenAI.Answering("ok");
        using var host = new AzureOpenAITestHost(service.Endpoint, new() { ["AzureOpenAI:MaxOutputTokens"] = "123" });

        await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        var body = Assert.Single(service.Requests).Body;
        var limit = body.TryGetProperty("max_completion_tokens", out var completionTokens) ? completionTokens : body.GetProperty("max_tokens");
        Assert.Equal(123, limit.GetInt32());
    }

    [Theory]
    [InlineData(429, "Requests to the deployment have exceeded the rate limit.")]
    [InlineData(500, "The server had an error while processing your request.")]
    [InlineData(503, "The engine is currently overloaded.")]
    public async Task Throttling_and_server_errors_are_retryable_failures_with_the_status_and_the_services_message(int status, string message)
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Error(status, message));
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable, result.Message);
        Assert.Contains($"HTTP {status}", result.Message, StringComparison.Ordinal);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Contains($"deployment '{FakeAzureOpenAI.Deployment}'", result.Message, StringComparison.Ordinal);
        // One call per attempt: the step's retry policy retries, not the client.
        Assert.Single(service.Requests);
    }

    [Theory]
    [InlineData(400, "The response was filtered due to the prompt triggering the content management policy.")]
    [InlineData(404, "The API deployment for this resource does not exist.")]
    public async Task Client_errors_are_failures_that_are_not_retried(int status, string message)
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Error(status, message));
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable, result.Message);
        Assert.Contains($"HTTP {status}", result.Message, StringComparison.Ordinal);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_retryable_timeout()
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Silence());
        using var host = new AzureOpenAITestHost(service.Endpoint, new() { ["AzureOpenAI:Timeout"] = "00:00:00.300" });

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains("timed out after 0.3 seconds (AzureOpenAI:Timeout)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_retryable_failure()
    {
        using var host = new AzureOpenAITestHost(new Uri($"http://127.0.0.1:{LoopbackHttpServer.FreePort()}/"));

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable, result.Message);
        Assert.Contains("the service could not be reached", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_attempt_stops_the_call_at_once()
    {
        await using var service = FakeAzureOpenAI.Replying(FakeAzureOpenAI.Silence());
        using var host = new AzureOpenAITestHost(service.Endpoint);
        using var cancellation = new CancellationTokenSource();

        var running = host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), cancellation.Token);
        await service.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_key_is_in_no_failure_message_and_no_log_line()
    {
        await using var service = FakeAzureOpenAI.Replying(
            FakeAzureOpenAI.Error(401, $"Access denied: the key {FakeAzureOpenAI.ApiKey} is not valid for this resource."));
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "Hi" }"""), CancellationToken.None);

        Assert.False(result.Retryable);
        Assert.Contains("HTTP 401", result.Message, StringComparison.Ordinal);
        Assert.Contains("Access denied: the key *** is not valid", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, result.Message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("HTTP 401", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(FakeAzureOpenAI.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_are_checked_at_submit_time_with_every_problem()
    {
        using var host = new AzureOpenAITestHost(new Uri("http://127.0.0.1:1/"));

        var problems = host.Tool.CheckParameters(Json.Parse("""{ "system": 3, "json": "yes", "temperature": 0.2 }""")).ToList();

        Assert.Equal(
            [
                ("temperature", "unknown parameter; this tool takes prompt, system, json"),
                ("prompt", "is required"),
                ("system", "must be a string, not a number"),
                ("json", "must be true or false, not a string"),
            ],
            problems);
    }

    [Fact]
    public void Templates_are_accepted_at_submit_time_whatever_type_is_expected()
    {
        using var host = new AzureOpenAITestHost(new Uri("http://127.0.0.1:1/"));

        var problems = host.Tool.CheckParameters(Json.Parse("""{ "prompt": "{{ steps.fetch.output.body }}", "json": "{{ input.json }}" }"""));

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Parameters_that_are_wrong_at_run_time_fail_without_calling_the_service()
    {
        await using var service = FakeAzureOpenAI.Answering("never");
        using var host = new AzureOpenAITestHost(service.Endpoint);

        var result = await host.Tool.ExecuteAsync(Json.Invocation("""{ "prompt": "  " }"""), CancellationToken.None);

        Assert.False(result.Retryable);
        Assert.Equal("the ai.chat tool's parameters are invalid: prompt: must not be empty", result.Message);
        Assert.Empty(service.Requests);
    }
}
