using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>
/// The outside world of the scenarios: a real HTTP server on a free 127.0.0.1 port that stands in for the services a
/// plan calls with the <c>http</c> tool and for an Azure OpenAI deployment. The <c>http</c> tool reaches it because its
/// network rules allow loopback unless told otherwise.
/// </summary>
/// <remarks>
/// Routes: <c>GET /orders</c> (two orders, JSON); <c>GET /flaky?key=K&amp;failures=N</c> (503 for the first N requests
/// with key K, then 200); <c>GET /status/{code}</c> (that status); <c>GET /big?bytes=N</c> (a JSON string of N
/// characters); <c>GET /hold</c> (answers only when the server stops); <c>POST /openai/deployments/{d}/chat/completions</c>
/// (an AI condition is answered yes when its question starts with "yes", no otherwise; the final response and the
/// failure analysis get 503, so the engine falls back to Core's plain response, which is deterministic; any other
/// prompt, an <c>ai.chat</c> step's, gets <see cref="ChatReply"/>).
/// </remarks>
public sealed class ScenarioWorld : IAsyncDisposable
{
    /// <summary>The deployment name the engines are configured with.</summary>
    public const string Deployment = "scenario-model";

    /// <summary>The API key the engines are configured with (a test value, not a secret).</summary>
    public const string ApiKey = "scenario-key-0123456789";

    /// <summary>What the model answers an <c>ai.chat</c> prompt.</summary>
    public const string ChatReply = "Two new orders, from Contoso and Fabrikam.";

    private const string ConditionSystemStart = "You decide a yes/no condition";
    private static readonly string[] RunResponseSystemStarts = ["You write the final response", "You explain why"];
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _flakyCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScenarioRequest> _requests = new();
    private readonly Task _loop;

    private ScenarioWorld(HttpListener listener, Uri baseAddress)
    {
        _listener = listener;
        BaseAddress = baseAddress;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's address, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request the server received, in order of arrival.</summary>
    public IReadOnlyCollection<ScenarioRequest> Requests => _requests;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static ScenarioWorld Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseAddress.ToString());
            try
            {
                listener.Start();
                return new ScenarioWorld(listener, baseAddress);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between probing and listening.
                listener.Close();
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var url = context.Request.Url!;
            var query = Query(url);
            var request = new ScenarioRequest(context.Request.HttpMethod, url.AbsolutePath, query, body, DateTimeOffset.UtcNow);
            _requests.Enqueue(request);
            await AnswerAsync(context, request);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            context.Response.Abort();
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, ScenarioRequest request)
    {
        var path = request.Path;
        if (path == "/orders")
        {
            await RespondAsync(context, 200, """{ "total": 2, "items": [ { "id": 1041, "customer": "Contoso" }, { "id": 1042, "customer": "Fabrikam" } ] }""");
        }
        else if (path == "/flaky")
        {
            var key = request.Query.GetValueOrDefault("key", string.Empty);
            var failures = int.Parse(request.Query.GetValueOrDefault("failures", "0"), CultureInfo.InvariantCulture);
            var seen = _flakyCounts.AddOrUpdate(key, 1, (_, n) => n + 1);
            await (seen <= failures
                ? RespondAsync(context, 503, """{ "error": "busy" }""")
                : RespondAsync(context, 200, $$"""{ "served": {{seen}} }"""));
        }
        else if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            var code = int.Parse(path["/status/".Length..], CultureInfo.InvariantCulture);
            await RespondAsync(context, code, $$"""{ "status": {{code}} }""");
        }
        else if (path == "/big")
        {
            var bytes = int.Parse(request.Query.GetValueOrDefault("bytes", "0"), CultureInfo.InvariantCulture);
            await RespondAsync(context, 200, JsonSerializer.Serialize(new string('x', bytes)));
        }
        else if (path == "/hold")
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token);
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await AnswerChatAsync(context, request);
        }
        else
        {
            await RespondAsync(context, 404, """{ "error": "no such route" }""");
        }
    }

    private static Task AnswerChatAsync(HttpListenerContext context, ScenarioRequest request)
    {
        string content;
        if (request.ConditionQuestion is { } question)
        {
            var yes = question.StartsWith("yes", StringComparison.OrdinalIgnoreCase);
            content = JsonSerializer.Serialize(new { answer = yes ? "yes" : "no", explanation = yes ? "the scenario model agrees" : "the scenario model disagrees" });
        }
        else if (IsRunResponse(request.Body))
        {
            return RespondAsync(context, 503, """{ "error": { "code": "503", "message": "the scenario model writes no run responses" } }""");
        }
        else
        {
            content = ChatReply;
        }

        var completion = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-scenario",
            ["object"] = "chat.completion",
            ["created"] = 1_713_613_523,
            ["model"] = "gpt-4o",
            ["choices"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["index"] = 0,
                    ["finish_reason"] = "stop",
                    ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = content },
                },
            },
            ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        });
        return RespondAsync(context, 200, completion);
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty, StringComparer.Ordinal);

    /// <summary>Whether a chat request asks an AI condition (by its system prompt).</summary>
    internal static bool IsCondition(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("messages", out var messages)
                && messages.EnumerateArray().Any(m => m.GetProperty("role").GetString() == "system" && Text(m.GetProperty("content")).StartsWith(ConditionSystemStart, StringComparison.Ordinal));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsRunResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("messages", out var messages)
                && messages.EnumerateArray().Any(m => m.GetProperty("role").GetString() == "system"
                    && RunResponseSystemStarts.Any(start => Text(m.GetProperty("content")).StartsWith(start, StringComparison.Ordinal)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The text of the user message of a chat request.</summary>
    internal static string UserText(string body)
    {
        using var document = JsonDocument.Parse(body);
        return string.Concat(document.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .Select(m => Text(m.GetProperty("content"))));
    }

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var text) ? text.GetString() : string.Empty));
}
