using System.Globalization;
using PlanFunctions.Client;
using PlanFunctions.TestSupport;
using PlanFunctions.TestSupport.Conformance;

namespace PlanFunctions.DurableTask.Tests.Conformance;

/// <summary>The Durable Task engine under the conformance contract: the local runner on its own Azurite (blob, queue, table).</summary>
public sealed class DurableTaskConformanceEngine : ConformanceEngine
{
    private readonly FullAzuriteFixture _azurite = new();
    private DurableEngine? _engine;

    /// <inheritdoc/>
    protected override async Task<PlanFunctionsClient> StartEngineAsync(ConformanceEngineOptions options)
    {
        await _azurite.InitializeAsync();
        _engine = await DurableEngine.StartAsync(_azurite, new Dictionary<string, string?>
        {
            ["extensions:durableTask:maxStepOutputBytes"] = options.MaxStepOutputBytes.ToString(CultureInfo.InvariantCulture),
        });
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
