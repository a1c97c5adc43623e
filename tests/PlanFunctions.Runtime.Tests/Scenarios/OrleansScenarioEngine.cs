using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Client;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.TestSupport.Scenarios;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Runtime.Tests.Scenarios;

/// <summary>The Orleans engine under the scenario suite: a real in-process cluster, state in memory, Azure OpenAI on the scenario world.</summary>
public sealed class OrleansScenarioEngine : ScenarioEngine
{
    private EngineCluster? _cluster;
    private ServiceProvider? _clientServices;

    /// <inheritdoc/>
    protected override async Task<PlanFunctionsClient> StartEngineAsync(ScenarioEngineSettings settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.AzureOpenAIConfiguration).Build();
        // The client's assistant only tells validation that AI conditions can be asked; the silos' one asks them.
        _clientServices = new ServiceCollection().AddLogging().AddPlanFunctionsAzureOpenAI(configuration).BuildServiceProvider();
        _cluster = await EngineCluster.StartAsync(
            configure: runtime => runtime.MaxStepOutputBytes = settings.MaxStepOutputBytes,
            services: services => services.AddPlanFunctionsAzureOpenAI(configuration),
            assistant: _clientServices.GetRequiredService<IRunAssistant>());
        return _cluster.Client;
    }

    /// <inheritdoc/>
    protected override async Task StopEngineAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_clientServices is not null)
        {
            await _clientServices.DisposeAsync();
        }
    }
}
