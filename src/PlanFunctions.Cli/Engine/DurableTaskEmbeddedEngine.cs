using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Cli.Logging;
using PlanFunctions.Client;
using PlanFunctions.DurableTask.AzureStorage;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.Cli.Engine;

/// <summary>
/// The Functions app's engine inside the command line's process: its orchestrator, activities and entities run by a
/// Durable Task worker on the Azure Storage backend (<see cref="LocalDurableTaskRunner"/>), with no Functions host.
/// Runs live in the task hub's queues and tables, so a run this process did not finish is carried on by the next
/// worker on the hub, this command line's or a Function App's.
/// </summary>
internal sealed class DurableTaskEmbeddedEngine : IEmbeddedEngine
{
    private readonly ServiceProvider _services;
    private readonly LocalDurableTaskRunner _runner;

    private DurableTaskEmbeddedEngine(ServiceProvider services, LocalDurableTaskRunner runner)
    {
        _services = services;
        _runner = runner;
    }

    /// <inheritdoc />
    public PlanFunctionsClient Client => _runner.PlanFunctionsClient;

    /// <summary>
    /// Starts a worker on the task hub <c>extensions:durableTask:hubName</c> of the storage account
    /// <paramref name="connectionString"/>, with the settings in <paramref name="configuration"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is not valid.</exception>
    public static async Task<DurableTaskEmbeddedEngine> StartAsync(
        string connectionString, ErrorStreamLoggerProvider log, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(configuration);
        var collection = new ServiceCollection()
            .AddLogging(logging => logging
                .AddProvider(log)
                .SetMinimumLevel(LogLevel.Warning)

                // The backend's notes on leases, partitions and retried storage calls are for operators of a Function
                // App, and it logs a storage account out of reach with a stack trace: the command line says that
                // itself, in one line. What goes wrong in a run shows in the run's status.
                .AddFilter("DurableTask", LogLevel.Critical)
                .AddFilter("Microsoft.DurableTask", LogLevel.Critical))
            .AddSingleton(configuration)
            .AddPlanFunctionsDurableTask(configuration);
        collection.AddOptions<DurableTaskStorageSettings>()
            .Bind(configuration.GetSection(DurableTaskStorageSettings.SectionName))
            .ValidateDataAnnotations();
        var services = collection.BuildServiceProvider();
        try
        {
            var problems = new List<Exception>();
            var engine = Read<DurableTaskEngineOptions>(services, problems);
            var storage = Read<DurableTaskStorageSettings>(services, problems);
            if (problems.Count > 0)
            {
                throw new AggregateException(problems);
            }

            var runner = await LocalDurableTaskRunner.StartAsync(
                new LocalDurableTaskOptions
                {
                    ConnectionString = connectionString,
                    TaskHubName = engine!.HubName,
                    PartitionCount = storage!.PartitionCount,
                    MaxQueuePollingInterval = storage.MaxQueuePollingInterval,
                    QueueVisibilityTimeout = storage.ControlQueueVisibilityTimeout,
                    WorkItemQueueVisibilityTimeout = storage.WorkItemQueueVisibilityTimeout,
                },
                services,
                cancellationToken).ConfigureAwait(false);
            return new DurableTaskEmbeddedEngine(services, runner);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the worker; what it was doing is picked up again by the next worker on the task hub.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Every settings problem at once: each options type is read, and what fails is kept rather than thrown at once.
    private static T? Read<T>(IServiceProvider services, List<Exception> problems)
        where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            problems.Add(e);
            return null;
        }
    }
}
