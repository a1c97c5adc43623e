using PlanFunctions.Client;
using Xunit;

namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>
/// An engine under the scenario suite, started once for a test class (an xUnit class fixture) together with the
/// <see cref="ScenarioWorld"/> its plans call: a derived class starts its engine with
/// <see cref="ScenarioEngineSettings"/> and hands back the engine's <see cref="PlanFunctionsClient"/>.
/// </summary>
public abstract class ScenarioEngine : IAsyncLifetime
{
    /// <summary>The largest step output the engines are started with.</summary>
    public const int MaxStepOutputBytes = 4096;

    private PlanFunctionsClient? _client;
    private ScenarioWorld? _world;

    /// <summary>The engine's client.</summary>
    public PlanFunctionsClient Client => _client ?? throw new InvalidOperationException("The engine has not been started.");

    /// <summary>The services the plans call.</summary>
    public ScenarioWorld World => _world ?? throw new InvalidOperationException("The engine has not been started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _world = ScenarioWorld.Start();
        _client = await StartEngineAsync(new ScenarioEngineSettings(_world.BaseAddress, MaxStepOutputBytes));
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await StopEngineAsync();
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    /// <summary>Starts the engine with the built-in tools (<c>http</c> and <c>ai.chat</c> among them) and these settings.</summary>
    protected abstract Task<PlanFunctionsClient> StartEngineAsync(ScenarioEngineSettings settings);

    /// <summary>Stops the engine and frees what it holds.</summary>
    protected abstract Task StopEngineAsync();
}
