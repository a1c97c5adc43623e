using System.Globalization;
using PlanFunctions.Client;
using PlanFunctions.TestSupport.Scenarios;

namespace PlanFunctions.DurableTask.Tests.Scenarios;

/// <summary>The Durable Task engine under the scenario suite: the local runner on its own Azurite, Azure OpenAI on the scenario world.</summary>
public sealed class DurableTaskScenarioEngine : ScenarioEngine
{
    private readonly FullAzuriteFixture _azurite = new();
    private DurableEngine? _engine;

    /// <inheritdoc/>
    protected override async Task<PlanFunctionsClient> StartEngineAsync(ScenarioEngineSettings settings)
    {
        await _azurite.InitializeAsync();
        var configuration = new Dictionary<string, string?>(settings.AzureOpenAIConfiguration)
        {
            ["extensions:durableTask:maxStepOutputBytes"] = settings.MaxStepOutputBytes.ToString(CultureInfo.InvariantCulture),
        };
        _engine = await DurableEngine.StartAsync(_azurite, configuration);
        return _engine.Client;
    }

    /// <inheritdoc/>
    protected override async Task StopEngineAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}
