using PlanFunctions.Client;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.TestSupport.Conformance;

namespace PlanFunctions.Runtime.Tests.Conformance;

/// <summary>The Orleans engine under the conformance contract: a real in-process cluster with state in memory.</summary>
public sealed class OrleansConformanceEngine : ConformanceEngine
{
    private EngineCluster? _cluster;

    /// <inheritdoc/>
    protected override async Task<PlanFunctionsClient> StartEngineAsync(ConformanceEngineOptions options)
    {
        _cluster = await EngineCluster.StartAsync(configure: runtime => runtime.MaxStepOutputBytes = options.MaxStepOutputBytes);
        return _cluster.Client;
    }

    /// <inheritdoc/>
    protected override async Task StopEngineAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
