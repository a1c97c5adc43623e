using System.Text.Json;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.Http;

public sealed class HttpToolTests : IDisposable
{
    private const string Secret = "s3cr3t-api-key-value";

    private readonly HttpToolHost _host = new(maxResponseBytes: 1024);

    [Fact]
    public async Task A_JSON_response_is_returned_parsed_with_status_and_headers()
    {
        await using var server = LoopbackHttpServer.Start((context, _) =>
            LoopbackHttpServer.RespondAsync(context, 200, "application/json; charset=utf-8", """{ "total": 3, "items": [1, 2, 3] }"""));

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}orders?since=today" }""");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(200, result.Output.GetProperty("status").GetInt32());
        Assert.Equal(3, result.Output.GetProperty("body").GetProperty("total").GetInt32());
        Assert.StartsWith("application/json", result.Output.GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/orders?since=today"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task A_text_response_is_returned_as_a_string()
    {
        await using var server = LoopbackHttpServer.Start((context, _) =>
            LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "{ not json, just text }"));

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}" }""");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("{ not json, just text }", result.Output.GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_object_body_is_sent_as_JSON_and_headers_are_sent()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 201, null, string.Empty));

        var result = await RunAsync($$"""
            { "method": "post", "url": "{{server.BaseAddress}}orders", "headers": { "X-Request-Id": "r-42" },
              "body": { "item": "tea", "count": 2 } }
            """);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(201, result.Output.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.Output.GetProperty("body").ValueKind);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("r-42", request.Headers["X-Request-Id"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("tea", Json.Parse(request.Body).GetProperty("item").GetString());
    }

    [Fact]
    public async Task A_string_body_is_sent_as_text_unless_a_content_type_header_says_otherwise()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 204, null, string.Empty));

        await RunAsync($$"""{ "method": "PUT", "url": "{{server.BaseAddress}}", "body": "a=1" }""");
        await RunAsync($$"""
            { "method": "PUT", "url": "{{server.BaseAddress}}", "body": "a=1",
              "headers": { "Content-Type": "application/x-www-form-urlencoded" } }
            """);

        var requests = server.Requests.ToList();
        Assert.Equal(["a=1", "a=1"], requests.Select(r => r.Body));
        Assert.StartsWith("text/plain", requests[0].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/x-www-form-urlencoded", requests[1].Headers["Content-Type"]);
    }

    [Fact]
    public async Task Not_found_fails_without_retry_naming_the_status_and_url()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 404, "text/plain", "no such order"));

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}orders/7" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("404", result.Message, StringComparison.Ordinal);
        Assert.Contains($"{server.BaseAddress}orders/7", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(500)]
    public async Task Overload_and_server_errors_are_retryable(int status)
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, status, "text/plain", "busy"));

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}orders" }""");

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
        Assert.Contains($"{server.BaseAddress}orders", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        var url = $"http://127.0.0.1:{LoopbackHttpServer.FreePort()}/orders";

        var result = await RunAsync($$"""{ "url": "{{url}}" }""");

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains(url, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_timeoutSeconds_is_a_retryable_timeout()
    {
        await using var server = LoopbackHttpServer.Start(async (context, stopping) =>
        {
            // Never answers while the test runs: the server is disposed at the end.
            await Task.Delay(Timeout.Infinite, stopping);
        });

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}slow", "timeoutSeconds": 0.2 }""");

        Assert.False(result.Succeeded);
        Assert.True(result.Retryable);
        Assert.Contains("timed out after 0.2 seconds", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_attempt_throws_OperationCanceledException_rather_than_failing()
    {
        await using var server = LoopbackHttpServer.Start(async (context, stopping) => await Task.Delay(Timeout.Infinite, stopping));
        using var cancellation = new CancellationTokenSource();

        var running = _host.Tool.ExecuteAsync(Json.Invocation($$"""{ "url": "{{server.BaseAddress}}" }"""), cancellation.Token);
        await Eventually.TrueAsync(() => server.Requests.Count == 1, TimeSpan.FromSeconds(30), "the server did not receive the request");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_fails_without_retry_with_its_size(bool chunked)
    {
        var large = new string('x', 4096);
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", large, chunked));

        var result = await RunAsync($$"""{ "url": "{{server.BaseAddress}}" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains(chunked ? "more than 1,024 bytes" : "is 4,096 bytes", result.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 1,024 bytes", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_values_never_appear_in_messages_or_logs()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 503, "text/plain", "down"));
        var refused = $"http://127.0.0.1:{LoopbackHttpServer.FreePort()}/";

        var unavailable = await RunAsync($$"""{ "url": "{{server.BaseAddress}}?code=query-secret", "headers": { "X-Api-Key": "{{Secret}}" } }""");
        var unreachable = await RunAsync($$"""{ "url": "{{refused}}", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        Assert.Equal(Secret, Assert.Single(server.Requests).Headers["X-Api-Key"]);
        Assert.All([unavailable, unreachable], result =>
        {
            Assert.False(result.Succeeded);
            Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("query-secret", unavailable.Message, StringComparison.Ordinal);
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.All(_host.Logs.Lines, line =>
        {
            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain("query-secret", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Bad_parameters_at_run_time_fail_without_retry()
    {
        var result = await RunAsync("""{ "url": "not a url", "timeoutSeconds": "soon" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("url", result.Message, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds", result.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();

    private Task<ToolResult> RunAsync(string parameters) =>
        _host.Tool.ExecuteAsync(Json.Invocation(parameters), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
}
