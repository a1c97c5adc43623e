using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanFunctions.TestSupport;

/// <summary>
/// Plays Application Insights' ingestion endpoint on loopback: takes the POSTs of the Azure Monitor exporter
/// (<c>/v2.1/track</c>) and of the classic SDK (<c>/v2/track</c>), JSON lines, gzip-compressed or not, keeps every
/// telemetry item and accepts them all as Breeze does.
/// </summary>
public sealed class FakeIngestionEndpoint : IAsyncDisposable
{
    public const string InstrumentationKey = "00000000-0000-0000-0000-000000000001";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonObject> _items = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _serving;

    public FakeIngestionEndpoint()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string ConnectionString => $"InstrumentationKey={InstrumentationKey};IngestionEndpoint=http://127.0.0.1:{Port}/";

    /// <summary>Every telemetry item received so far.</summary>
    public IReadOnlyCollection<JsonObject> Items => _items;

    /// <summary>Every request received so far, as <c>METHOD path</c>, for the failure messages.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static IEnumerable<JsonObject> ParseItems(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('['))
        {
            return JsonNode.Parse(trimmed)!.AsArray().Select(item => item!.AsObject());
        }

        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject());
    }

    private async Task ServeAsync()
    {
        while (true)
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

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        _requests.Enqueue($"{request.HttpMethod} {request.Url!.AbsolutePath}");
        try
        {
            if (request.HttpMethod != "POST" || request.Url.AbsolutePath is not ("/v2.1/track" or "/v2/track"))
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            var body = request.InputStream;
            if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            string text;
            using (var reader = new StreamReader(body, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync();
            }

            var items = ParseItems(text).ToList();
            foreach (var item in items)
            {
                _items.Enqueue(item);
            }

            var answer = JsonSerializer.SerializeToUtf8Bytes(new { itemsReceived = items.Count, itemsAccepted = items.Count, errors = Array.Empty<object>() });
            response.StatusCode = (int)HttpStatusCode.OK;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(answer);
        }
        catch (Exception exception) when (exception is JsonException or IOException or InvalidDataException)
        {
            _requests.Enqueue($"unreadable: {exception.Message}");
            response.StatusCode = (int)HttpStatusCode.BadRequest;
        }
        finally
        {
            response.Close();
        }
    }
}
