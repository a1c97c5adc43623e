using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;
using OsProcess = System.Diagnostics.Process;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// The built service running as a process of its own (<c>dotnet PlanFunctions.Host.dll</c>), the way it is deployed, on
/// free loopback ports, with its output kept for the test's output.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private readonly OsProcess _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(OsProcess process, ConcurrentQueue<string> output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    /// <summary>Every line the process has written so far, on standard output and error.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Starts the host with <paramref name="environment"/> (settings, <c>__</c> for <c>:</c>) and waits until
    /// <c>/api/health</c> answers 200; tries free ports again if another process took one first.
    /// </summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> environment, Stopwatch clock)
    {
        for (var attempt = 1; ; attempt++)
        {
            var output = new ConcurrentQueue<string>();
            var port = FreePort();
            var process = Launch(environment, port, output, clock);
            var address = new Uri($"http://127.0.0.1:{port}/");
            var host = new HostProcess(process, output, address);
            if (await host.WaitUntilHealthyAsync())
            {
                return host;
            }

            var exited = process.HasExited;
            await host.DisposeAsync();
            var portTaken = output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
            if (exited && portTaken && attempt < StartAttempts)
            {
                continue;
            }

            Assert.Fail($"the host did not become healthy within {StartDeadline.TotalSeconds:0} s ({(exited ? "it exited" : "still running")}); its output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        }
    }

    /// <summary>Kills the process as <c>kill -9</c> does: no shutdown at all.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping a container does, and returns the exit code once the process has ended.</summary>
    public async Task<int> TerminateAsync(TimeSpan deadline)
    {
        // Process has no API for signals: through /bin/kill.
        using (var kill = OsProcess.Start("/bin/kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the host did not exit within {deadline.TotalSeconds:0} s of SIGTERM; its output:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
        }

        return _process.ExitCode;
    }

    /// <summary>Writes the host's output to the test's output, each line marked with <paramref name="label"/>.</summary>
    public void WriteOutputTo(ITestOutputHelper output, string label)
    {
        foreach (var line in _output)
        {
            output.WriteLine($"[{label}] {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>How the host's own build is started as a process, listening on <paramref name="urls"/>, its output redirected.</summary>
    internal static ProcessStartInfo StartInfo(string urls)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PlanFunctions.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);
        return start;
    }

    private static OsProcess Launch(IReadOnlyDictionary<string, string> environment, int port, ConcurrentQueue<string> output, Stopwatch clock)
    {
        var start = StartInfo($"http://127.0.0.1:{port}");
        start.Environment["PlanFunctions__Silo__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["PlanFunctions__Silo__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__PlanFunctions"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new OsProcess { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, clock, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, clock, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> output, Stopwatch clock, string? line)
    {
        if (line is not null)
        {
            output.Enqueue($"{clock.Elapsed.TotalSeconds,7:0.000} s {line}");
        }
    }

    private async Task<bool> WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync("api/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
