using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>
/// The hand-written orchestrators on the same backend, settings and hosting as the engine's local runner: a
/// DurableTask.Core <see cref="TaskHubWorker"/> over <see cref="AzureStorageOrchestrationService"/>, work items run by
/// the Durable Task SDK's shims, payloads in System.Text.Json.
/// </summary>
internal sealed class HandWrittenSystem : IComparedSystem
{
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;

    private HandWrittenSystem(TaskHubWorker worker, TaskHubClient client)
    {
        _worker = worker;
        _client = client;
    }

    public string Name => "hand-written orchestrator";

    public static async Task<HandWrittenSystem> StartAsync(string connectionString, string hub)
    {
        var service = new AzureStorageOrchestrationService(BackendSettings.ForHandWritten(connectionString, hub, NullLoggerFactory.Instance));
        await service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = new JsonDataConverter() }, NullLoggerFactory.Instance);
        var worker = new TaskHubWorker(service, new Orchestrations(shims), new Activities(shims), NullLoggerFactory.Instance)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync();
        return new HandWrittenSystem(worker, new TaskHubClient(service, loggerFactory: NullLoggerFactory.Instance));
    }

    public Task StartAsync(DurableShape shape, int steps) => _client.CreateOrchestrationInstanceAsync(
        shape == DurableShape.Chain ? HandWrittenOrchestrators.Chain : HandWrittenOrchestrators.FanOut,
        string.Empty,
        Guid.NewGuid().ToString("N"),
        steps);

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        _worker.Dispose();
    }

    private sealed class Orchestrations(DurableTaskShimFactory shims) : INameVersionObjectManager<TaskOrchestration>
    {
        public void Add(ObjectCreator<TaskOrchestration> creator) => throw new NotSupportedException();

        public TaskOrchestration? GetObject(string name, string? version) =>
            HandWrittenOrchestrators.Create(name) is { } orchestrator ? shims.CreateOrchestration(name, orchestrator) : null;
    }

    private sealed class Activities(DurableTaskShimFactory shims) : INameVersionObjectManager<TaskActivity>
    {
        public void Add(ObjectCreator<TaskActivity> creator) => throw new NotSupportedException();

        public TaskActivity? GetObject(string name, string? version) =>
            name == HandWrittenOrchestrators.Activity ? shims.CreateActivity(name, new HandNoOpActivity()) : null;
    }
}
