using PlanFunctions.Client;
using Xunit;

namespace PlanFunctions.TestSupport.Conformance;

/// <summary>
/// An engine under the conformance contract, started once for a test class (an xUnit class fixture): a derived class
/// starts its engine with <see cref="ConformanceEngineOptions"/> and hands back the engine's
/// <see cref="PlanFunctionsClient"/>, and stops it at the end.
/// </summary>
public abstract class ConformanceEngine : IAsyncLifetime
{
    private PlanFunctionsClient? _client;

    /// <summary>What every engine is started with.</summary>
    public static ConformanceEngineOptions Options { get; } = new();

    /// <summary>The engine's client.</summary>
    public PlanFunctionsClient Client => _client ?? throw new InvalidOperationException("The engine has not been started.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _client = await StartEngineAsync(Options);

    /// <inheritdoc/>
    public Task DisposeAsync() => StopEngineAsync();

    /// <summary>Starts the engine with the built-in tools and these options, in memory or on local storage.</summary>
    protected abstract Task<PlanFunctionsClient> StartEngineAsync(ConformanceEngineOptions options);

    /// <summary>Stops the engine and frees what it holds.</summary>
    protected abstract Task StopEngineAsync();
}
