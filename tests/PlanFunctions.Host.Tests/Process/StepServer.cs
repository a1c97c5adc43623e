using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// The far end of a plan's <c>http</c> steps, in the test process on loopback: it counts the calls each step makes and
/// the answers it gave, so that a test sees whether a step ran again in another host process. A step whose URL says
/// <c>hold</c> gets no answer to its first call, which keeps it in flight until the host is gone.
/// </summary>
internal sealed class StepServer : IDisposable
{
    private const int StartAttempts = 3;

    private readonly HttpListener _listener;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Task _serving;

    private StepServer(HttpListener listener, Uri address, Stopwatch clock)
    {
        _listener = listener;
        _clock = clock;
        Address = address;
        _serving = ServeAsync();
    }

    public Uri Address { get; }

    /// <summary>When each call came and was answered, in order, with the time since the test began.</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Starts listening on a free loopback port.</summary>
    public static StepServer Start(Stopwatch clock)
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                return new StepServer(listener, address, clock);
            }
            catch (HttpListenerException) when (attempt < StartAttempts)
            {
                // Another process took the port between choosing and binding it.
                listener.Close();
            }
        }
    }

    /// <summary>The URL step <paramref name="stepId"/> of run <paramref name="run"/> calls.</summary>
    public string UrlOf(string run, string stepId, bool hold = false) =>
        new Uri(Address, $"step/{run}/{stepId}{(hold ? "?hold=first" : string.Empty)}").ToString();

    /// <summary>How many calls step <paramref name="stepId"/> of run <paramref name="run"/> has made.</summary>
    public int CallsOf(string run, string stepId) => _calls.GetValueOrDefault(run + "/" + stepId);

    /// <summary>How many of those calls were answered.</summary>
    public int AnswersTo(string run, string stepId) => _answers.GetValueOrDefault(run + "/" + stepId);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _serving.GetAwaiter().GetResult();
        }
        catch (ObjectDisposedException)
        {
            // The listener was closed while waiting for a call.
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var key = context.Request.Url!.AbsolutePath["/step/".Length..];
        var call = _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        _log.Enqueue($"{Now()} {key}: call {call}");
        try
        {
            if (call == 1 && context.Request.QueryString["hold"] == "first")
            {
                // Never answered: the host is killed or stopped while it waits.
                _log.Enqueue($"{Now()} {key}: call {call} held");
                await Task.Delay(Timeout.InfiniteTimeSpan, _stopping.Token);
            }

            var body = Encoding.UTF8.GetBytes($$"""{ "step": "{{key}}", "call": {{call}} }""");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, _stopping.Token);
            context.Response.Close();
            _answers.AddOrUpdate(key, 1, (_, n) => n + 1);
            _log.Enqueue($"{Now()} {key}: call {call} answered");
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The test ended, or the caller is gone.
            _log.Enqueue($"{Now()} {key}: call {call} not answered ({e.GetType().Name})");
        }
    }

    private string Now() => _clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
