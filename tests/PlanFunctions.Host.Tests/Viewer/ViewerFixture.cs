using PlanFunctions.Host.Tests.TestSupport;

namespace PlanFunctions.Host.Tests.Viewer;

/// <summary>A service without keys, one with a key, and one browser for both.</summary>
public sealed class ViewerFixture : IAsyncLifetime
{
    public const string Key = "viewer-key+with/odd=chars-0123";

    public RunningHost Host { get; private set; } = null!;

    public RunningHost KeyedHost { get; private set; } = null!;

    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var hosts = await Task.WhenAll(RunningHost.StartAsync(), RunningHost.StartAsync([$"PlanFunctions:ApiKey={Key}"]));
        Host = hosts[0];
        KeyedHost = hosts[1];
        Browser = Browser.Start();
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        await Host.DisposeAsync();
        await KeyedHost.DisposeAsync();
    }
}
