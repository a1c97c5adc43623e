using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Client;

namespace PlanFunctions.Cli.Engine;

/// <summary>
/// The engine inside the command line's own process: one Orleans silo on free loopback ports with development
/// clustering, no gateway, and the client resolved from the silo's services, so a run needs no set-up at all.
/// </summary>
internal sealed class EmbeddedEngine : IEmbeddedEngine
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private EmbeddedEngine(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<PlanFunctionsClient>();
    }

    /// <inheritdoc />
    public PlanFunctionsClient Client { get; }

    /// <summary>
    /// Starts a silo with the service's settings from <paramref name="configuration"/> (see <see cref="EngineConfiguration"/>)
    /// that keeps its state where <paramref name="storage"/> says, logging to <paramref name="log"/>.
    /// </summary>
    public static async Task<EmbeddedEngine> StartAsync(
        EmbeddedEngineStorage storage, ErrorStreamLoggerProvider log, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Orleans' start-up notes (server GC, watchdog) are for operators of a long-lived silo, not for one run.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);

        // A failure to start is thrown to the caller, which reports it (a wrong setting one line per problem): the
        // host's own "failed to start" entry would say it again, as an exception.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.UseOrleans(silo =>
        {
            var siloPort = LoopbackPorts.FindFree();
            var serviceId = $"planfunctions-cli-{Environment.ProcessId}";

            // Gateway port 0: nothing outside this process connects, and the client lives inside the silo.
            silo.UseLocalhostClustering(siloPort, gatewayPort: 0, new IPEndPoint(IPAddress.Loopback, siloPort), serviceId, serviceId);
            silo.AddPlanFunctions(builder.Configuration);
            silo.Services.AddPlanFunctionsAzureOpenAI(builder.Configuration);
            storage.Configure(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new EmbeddedEngine(host);
    }

    /// <summary>Stops the silo; runs kept in durable storage carry on the next time an engine starts on it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
