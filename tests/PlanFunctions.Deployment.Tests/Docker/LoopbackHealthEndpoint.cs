using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PlanFunctions.Deployment.Tests.Docker;

/// <summary>
/// A loopback HTTP endpoint that answers every request with one status code and records the request lines, standing
/// in for the host behind the image's HEALTHCHECK.
/// </summary>
public sealed class LoopbackHealthEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private readonly List<string> _requestLines = [];

    /// <summary>Starts listening on a free loopback port.</summary>
    public LoopbackHealthEndpoint(HttpStatusCode status)
    {
        _listener.Start();
        _serving = ServeAsync(status, _stopping.Token);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The first line of every request answered so far.</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (_requestLines)
            {
                return [.. _requestLines];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync(HttpStatusCode status, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync(cancellationToken) ?? "";
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
            {
                // The headers: read to the blank line that ends them.
            }

            lock (_requestLines)
            {
                _requestLines.Add(requestLine);
            }

            var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {(int)status} {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
            await stream.WriteAsync(answer, cancellationToken);
        }
    }
}
