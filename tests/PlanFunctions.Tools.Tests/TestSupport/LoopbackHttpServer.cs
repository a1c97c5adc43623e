using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PlanFunctions.Tools.Tests.TestSupport;

/// <summary>A real HTTP server on a free 127.0.0.1 port, answering with the handler the test gives.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _loop;

    private LoopbackHttpServer(HttpListener listener, Uri baseAddress, Func<HttpListenerContext, CancellationToken, Task> handler)
    {
        _listener = listener;
        _handler = handler;
        BaseAddress = baseAddress;
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    /// <summary>Starts a server; the handler's token fires when the server is disposed.</summary>
    public static LoopbackHttpServer Start(Func<HttpListenerContext, CancellationToken, Task> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseAddress.ToString());
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, baseAddress, handler);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between probing and listening: try another one.
                listener.Close();
            }
        }
    }

    /// <summary>A port nothing listens on at the moment.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static async Task RespondAsync(HttpListenerContext context, int status, string? contentType, string body, bool chunked = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        if (chunked)
        {
            context.Response.SendChunked = true;
        }
        else
        {
            context.Response.ContentLength64 = bytes.Length;
        }

        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stopping.Dispose();
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
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, body));
            await _handler(context, _stopping.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            context.Response.Abort();
        }
    }

    public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
}
