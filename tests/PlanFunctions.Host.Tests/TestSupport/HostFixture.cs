namespace PlanFunctions.Host.Tests.TestSupport;

/// <summary>One service without keys, with a small body limit, shared by the API tests.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const int BodyLimit = 64 * 1024;

    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await RunningHost.StartAsync([$"extensions:http:maxRequestBodyBytes={BodyLimit}", "extensions:http:retryAfterSeconds=2"]);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The API tests share one service; its engine is started once.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
