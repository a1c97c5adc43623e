using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace PlanFunctions.TestSupport;

/// <summary>
/// Azurite with its Blob, Queue and Table services on free loopback ports, in memory: the Durable Task Azure Storage
/// backend needs all three (<see cref="AzuriteFixture"/> starts the Table service only). A test assembly declares
/// its own collection named <see cref="CollectionName"/> over it.
/// </summary>
public sealed class FullAzuriteFixture : IAsyncLifetime
{
    public const string CollectionName = "Azurite (blob, queue, table)";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;
    private string? _workFolder;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var executable = FindAzurite();
        _workFolder = Directory.CreateTempSubdirectory("planfunctions-azurite-full-").FullName;
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent", "--loose",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start Azurite ({executable}).");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (!await AcceptsAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite ({executable}) did not listen on port {port} within {StartTimeout.TotalSeconds:0} s.");
                }

                await Task.Delay(100);
            }
        }

        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AzuriteFixture.AccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{ports[1]}/{AzuriteFixture.AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AzuriteFixture.AccountName};";
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_workFolder is not null && Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
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

    private static string FindAzurite()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                var executable = Path.Combine(folder.FullName, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
                return File.Exists(executable)
                    ? executable
                    : throw new InvalidOperationException($"Azurite is not installed: {executable} is missing. Run 'npm ci' at the repo root.");
            }
        }

        throw new InvalidOperationException("No package.json found above the test's folder, so Azurite cannot be located.");
    }
}
