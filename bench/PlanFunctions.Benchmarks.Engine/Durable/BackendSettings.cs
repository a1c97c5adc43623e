using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using PlanFunctions.DurableTask.AzureStorage;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>
/// The Azure Storage backend's settings for both Durable Task systems, as a Durable Functions app has them by default
/// in production (host.json's <c>extensions.durableTask.storageProvider</c> left alone): 4 partitions, queue polling
/// backing off to at most 30 s when idle, 5-minute visibility timeouts, at most 10 activities per core at once, control
/// queue batches of 32, no extended sessions.
/// </summary>
internal static class BackendSettings
{
    public static LocalDurableTaskOptions ForEngine(string connectionString, string hub) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = hub,
        PartitionCount = 4,
        MaxQueuePollingInterval = TimeSpan.FromSeconds(30),
        QueueVisibilityTimeout = TimeSpan.FromMinutes(5),
        MaxConcurrentActivities = 10 * Environment.ProcessorCount,
    };

    /// <summary>The same settings as <see cref="LocalDurableTaskRunner"/> makes of <see cref="ForEngine"/>.</summary>
    public static AzureStorageOrchestrationServiceSettings ForHandWritten(string connectionString, string hub, ILoggerFactory loggerFactory)
    {
        var options = ForEngine(connectionString, hub);
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.QueueVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            UseSeparateQueueForEntityWorkItems = true,
            LoggerFactory = loggerFactory,
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-hand",
        };
    }
}
