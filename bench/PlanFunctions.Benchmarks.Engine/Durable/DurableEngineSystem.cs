using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.DurableTask.AzureStorage;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>The Durable Task engine in this process (<see cref="LocalDurableTaskRunner"/>), every step the no-op tool.</summary>
internal sealed class DurableEngineSystem(ServiceProvider services, LocalDurableTaskRunner runner) : IComparedSystem
{
    private readonly ConcurrentDictionary<(DurableShape, int), Plan> _plans = new();

    public string Name => "Durable Task engine";

    public static async Task<DurableEngineSystem> StartAsync(string connectionString, string hub)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPlanFunctionsDurableTask(configuration)
            .AddPlanFunctionsTool<NoOpTool>()
            .BuildServiceProvider();
        var runner = await LocalDurableTaskRunner.StartAsync(BackendSettings.ForEngine(connectionString, hub), services);
        return new DurableEngineSystem(services, runner);
    }

    public async Task StartAsync(DurableShape shape, int steps)
    {
        var plan = _plans.GetOrAdd((shape, steps), key =>
        {
            var read = runner.PlanFunctionsClient.Validate(JsonSerializer.SerializeToUtf8Bytes(
                key.Item1 == DurableShape.Chain ? EnginePlans.Chain(key.Item2) : EnginePlans.FanOut(key.Item2), PlanJson.Options));
            return read.Plan ?? throw new InvalidOperationException(string.Join("; ", read.Problems));
        });
        await runner.PlanFunctionsClient.StartAsync(Guid.NewGuid().ToString("N"), plan);
    }

    public async ValueTask DisposeAsync()
    {
        await runner.DisposeAsync();
        await services.DisposeAsync();
    }
}
