using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.DurableTask.Client;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>
/// Runs the Durable Task engine's orchestrator, activities and entities in this process on the Durable Task Azure
/// Storage backend (the one Durable Functions uses), without a Functions host: a DurableTask.Core
/// <see cref="TaskHubWorker"/> over <see cref="AzureStorageOrchestrationService"/> whose work items run through the
/// SDK's <see cref="DurableTaskShimFactory"/>, and a client of the same task hub.
/// </summary>
public sealed class LocalDurableTaskRunner : IAsyncDisposable
{
    private readonly TaskHubWorker _worker;
    private bool _disposed;

    private LocalDurableTaskRunner(TaskHubWorker worker, AzureStorageDurableTaskClient client, DurableTaskPlanFunctionsClient planClient)
    {
        _worker = worker;
        Client = client;
        PlanFunctionsClient = planClient;
    }

    /// <summary>The data converter of every payload (inputs, outputs, custom status, entity state): System.Text.Json with the project's options.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(PlanJson.Options);

    /// <summary>The Durable Task client of the task hub.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The PlanFunctions client over <see cref="Client"/>.</summary>
    public DurableTaskPlanFunctionsClient PlanFunctionsClient { get; }

    /// <summary>
    /// Creates the task hub if needed and starts the worker. <paramref name="services"/> must hold what
    /// <c>AddPlanFunctionsDurableTask</c> registers (the activities' tools, assistant and options).
    /// </summary>
    public static async Task<LocalDurableTaskRunner> StartAsync(LocalDurableTaskOptions options, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var engine = services.GetRequiredService<IOptions<DurableTaskEngineOptions>>().Value;
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout ?? options.QueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,

            // The engine's limit of runs under way, as Durable Task enforces one: orchestration work items run at once.
            MaxConcurrentTaskOrchestrationWorkItems = engine.MaxConcurrentRunsPerHost,
            UseSeparateQueueForEntityWorkItems = true,
            LoggerFactory = loggerFactory,
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        cancellationToken.ThrowIfCancellationRequested();

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = Converter, EnableEntitySupport = true }, loggerFactory);
        var worker = new TaskHubWorker(service, new ShimOrchestrationManager(shims), new ShimActivityManager(shims, services), new ShimEntityManager(shims), loggerFactory)
        {
            // The SDK's shims read failures as FailureDetails (TaskFailedException.FailureDetails).
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync();

        var client = new AzureStorageDurableTaskClient(service, Converter);
        var planClient = new DurableTaskPlanFunctionsClient(
            client,
            services.GetRequiredService<PlanValidationOptions>(),
            engine);
        return new LocalDurableTaskRunner(worker, client, planClient);
    }

    /// <summary>Stops the worker: work items under way are abandoned and picked up again by the next worker on the hub.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _worker.StopAsync(isForced: true);
        _worker.Dispose();
    }
}
