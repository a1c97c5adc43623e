using System.Collections.Concurrent;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Core.Plans;
using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>The Orleans engine, one silo in this process, its tables on the same Azurite.</summary>
internal sealed class OrleansSystem(EngineHost host) : IComparedSystem
{
    private readonly ConcurrentDictionary<(DurableShape, int), Plan> _plans = new();

    public string Name => "Orleans engine";

    public static async Task<OrleansSystem> StartAsync(string connectionString, string hub) =>
        new(await EngineHost.StartAsync(1, EngineStorage.Azurite, new AzureTableStorageOptions { ConnectionString = connectionString, TaskHubName = hub }));

    public Task StartAsync(DurableShape shape, int steps)
    {
        var plan = _plans.GetOrAdd((shape, steps), key =>
            host.Validate(key.Item1 == DurableShape.Chain ? EnginePlans.Chain(key.Item2) : EnginePlans.FanOut(key.Item2)));
        return host.StartAsync(plan);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
