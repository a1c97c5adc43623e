using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PlanFunctions.Host.Tests.TestSupport;

/// <summary>The real service, started in this process on a free loopback port, with an HttpClient for it.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> are <c>key=value</c> pairs given on its command line.</summary>
    public static async Task<RunningHost> StartAsync(IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(settings, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Builds a host without starting it.</summary>
    public static WebApplication Build(IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--PlanFunctions:Silo:SiloPort={FreePort()}",
            $"--PlanFunctions:Silo:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            .. (settings ?? []).Select(s => "--" + s),
        ];
        return PlanFunctionsHost.Build(args, configure);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
