using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>Says at start-up, loudly, that the engine keeps its state in memory.</summary>
internal sealed partial class InMemoryStorageWarning(ILogger<InMemoryStorageWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogInMemory(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEventIds.Runtime.InMemoryStorage, Level = LogLevel.Warning, Message = "PlanFunctions keeps runs IN MEMORY: no AzureWebJobsStorage connection string is set, so every run is lost when this process ends. Set AzureWebJobsStorage (UseDevelopmentStorage=true for Azurite) for durable runs.")]
    private static partial void LogInMemory(ILogger logger);
}
