using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PlanFunctions.Runtime.Storage;
using Xunit;

namespace PlanFunctions.TestSupport;

/// <summary>
/// Azurite's Table service on a free loopback port, in memory, for as long as the fixture lives. Share one per test
/// assembly as an xUnit collection fixture: declare
/// <c>[CollectionDefinition(AzuriteFixture.CollectionName)] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// in the test assembly and put <c>[Collection(AzuriteFixture.CollectionName)]</c> on the test classes.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The collection name test classes that share Azurite use.</summary>
    public const string CollectionName = "Azurite";

    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known key of Azurite's development account (public, documented, not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private string? _workFolder;

    /// <summary>The loopback port Azurite's Table service listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The connection string of the running Azurite (development account, its own port).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A task hub name no other test uses, so each test gets tables of its own.</summary>
    public static string CreateTaskHubName() => "t" + Guid.NewGuid().ToString("N");

    /// <summary>Storage options pointing at this Azurite with a fresh task hub.</summary>
    public AzureTableStorageOptions CreateOptions() => new()
    {
        ConnectionString = ConnectionString,
        TaskHubName = CreateTaskHubName(),
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = FindAzuriteTable();
        _workFolder = Directory.CreateTempSubdirectory("planfunctions-azurite-").FullName;

        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var outcome = await StartAsync(executable, Port).ConfigureAwait(false);
            if (outcome == StartOutcome.Ready)
            {
                break;
            }

            await StopAsync().ConfigureAwait(false);
            // Another process may have taken the port between choosing and binding it; choose again.
            if (outcome == StartOutcome.PortTaken && attempt < StartAttempts)
            {
                continue;
            }

            var reason = outcome == StartOutcome.TimedOut ? $"did not start listening within {StartTimeout.TotalSeconds:0} s" : "exited";
            throw new InvalidOperationException(
                $"Azurite ({executable}) {reason} on 127.0.0.1:{Port}. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_workFolder is not null && Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }
    }

    private enum StartOutcome
    {
        Ready,
        PortTaken,
        Exited,
        TimedOut,
    }

    private async Task<StartOutcome> StartAsync(string executable, int port)
    {
        _output.Clear();
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --location cannot be combined with --inMemoryPersistence; the work folder is the working directory instead.
        foreach (var argument in new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource<StartOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data, ready);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data, ready);
        _process.Exited += (_, _) => ready.TrySetResult(
            _output.Any(line => line.Contains("EADDRINUSE", StringComparison.Ordinal)) ? StartOutcome.PortTaken : StartOutcome.Exited);

        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start Azurite ({executable}): {e.Message}. Is Node.js installed and on the PATH?", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(StartTimeout);
        try
        {
            return await ready.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return StartOutcome.TimedOut;
        }
    }

    private void OnOutput(string? line, TaskCompletionSource<StartOutcome> ready)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }

        if (line.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
        {
            ready.TrySetResult(StartOutcome.Ready);
        }
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(StopTimeout);
                await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or has already gone.
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string FindAzuriteTable()
    {
        var name = OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                continue;
            }

            var executable = Path.Combine(folder.FullName, "node_modules", ".bin", name);
            return File.Exists(executable)
                ? executable
                : throw new InvalidOperationException(
                    $"Azurite is not installed: {executable} is missing. Run 'npm ci' at the repo root ({folder.FullName}).");
        }

        throw new InvalidOperationException(
            $"No package.json found above {AppContext.BaseDirectory}, so Azurite cannot be located. Run the tests from the repository, after 'npm ci' at its root.");
    }
}
