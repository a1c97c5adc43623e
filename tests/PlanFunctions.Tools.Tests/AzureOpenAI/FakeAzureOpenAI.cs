using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

/// <summary>
/// Azure OpenAI's chat completions endpoint on 127.0.0.1: answers each request with the next canned reply (the last
/// one again when they run out) and keeps what the client sent.
/// </summary>
internal sealed class FakeAzureOpenAI : IAsyncDisposable
{
    public const string Deployment = "gpt-test";
    public const string ApiKey = "test-key-0123456789abcdef";

    private readonly ConcurrentQueue<Func<HttpListenerContext, CancellationToken, Task>> _replies = new();
    private Func<HttpListenerContext, CancellationToken, Task> _last;
    private readonly LoopbackHttpServer _server;

    private FakeAzureOpenAI(Func<HttpListenerContext, CancellationToken, Task> first)
    {
        _last = first;
        _server = LoopbackHttpServer.Start(AnswerAsync);
    }

    public Uri Endpoint => _server.BaseAddress;

    public IReadOnlyList<SentRequest> Requests => [.. _server.Requests.Select(r => new SentRequest(r))];

    /// <summary>A server whose every answer is the completion <paramref name="content"/>.</summary>
    public static FakeAzureOpenAI Answering(string content, string finishReason = "stop") => new(Completion(content, finishReason));

    /// <summary>A server whose answers are the given replies, in order.</summary>
    public static FakeAzureOpenAI Replying(params Func<HttpListenerContext, CancellationToken, Task>[] replies)
    {
        var fake = new FakeAzureOpenAI(replies[^1]);
        foreach (var reply in replies)
        {
            fake._replies.Enqueue(reply);
        }

        return fake;
    }

    /// <summary>A chat completion as the service returns it.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Completion(string content, string finishReason = "stop")
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_713_613_523,
            ["model"] = "gpt-4o",
            ["choices"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["index"] = 0,
                    ["finish_reason"] = finishReason,
                    ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = content },
                },
            },
            ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = 42, ["completion_tokens"] = 7, ["total_tokens"] = 49 },
        });
        return (context, _) => LoopbackHttpServer.RespondAsync(context, 200, "application/json", body);
    }

    /// <summary>An error as the service returns it: <c>{ "error": { "code", "message" } }</c>.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Error(int status, string message)
    {
        var body = JsonSerializer.Serialize(new { error = new { code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), message } });
        return (context, _) => LoopbackHttpServer.RespondAsync(context, status, "application/json", body);
    }

    /// <summary>Never answers, until the server is disposed.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Silence() =>
        async (_, stopping) => await Task.Delay(Timeout.Infinite, stopping);

    /// <summary>Waits until the server has received <paramref name="count"/> requests, with a deadline.</summary>
    public Task WaitForRequestsAsync(int count) =>
        Eventually.TrueAsync(() => _server.Requests.Count >= count, TimeSpan.FromSeconds(30), $"the deployment did not receive {count} requests");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task AnswerAsync(HttpListenerContext context, CancellationToken stopping)
    {
        if (_replies.TryDequeue(out var reply))
        {
            _last = reply;
        }

        return _last(context, stopping);
    }

    /// <summary>One request as the client sent it, with its chat messages read.</summary>
    public sealed class SentRequest(LoopbackHttpServer.ReceivedRequest request)
    {
        public string Method => request.Method;

        public string PathAndQuery => request.PathAndQuery;

        public IReadOnlyDictionary<string, string> Headers => request.Headers;

        public JsonElement Body { get; } = Json.Parse(request.Body);

        /// <summary>The messages as (role, text), the text joined from content parts when it is an array.</summary>
        public IReadOnlyList<(string Role, string Text)> Messages =>
        [
            .. Body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, Text(m.GetProperty("content")))),
        ];

        public string Text(string role) => Messages.Single(m => m.Role == role).Text;

        private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
