using Microsoft.Extensions.Logging;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using PlanFunctions.DurableTask.AzureStorage;
using PlanFunctions.DurableTask.Client;
using PlanFunctions.TestSupport;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>The engine on the local runner, on Azurite, with a task hub of its own; short polling so tests stay fast.</summary>
public sealed class DurableEngine : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly ServiceProvider _services;
    private readonly LocalDurableTaskRunner _runner;

    private DurableEngine(ServiceProvider services, LocalDurableTaskRunner runner)
    {
        _services = services;
        _runner = runner;
    }

    public DurableTaskPlanFunctionsClient Client => _runner.PlanFunctionsClient;

    /// <summary>The Durable Task client underneath, for what only the backend shows (generations, its own start route).</summary>
    public Microsoft.DurableTask.Client.DurableTaskClient Backend => _runner.Client;

    public static async Task<DurableEngine> StartAsync(FullAzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["extensions:durableTask:statisticsShards"] = "2",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (Environment.GetEnvironmentVariable("PLANFUNCTIONS_TEST_LOG") is { Length: > 0 } path)
                {
                    logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FileLoggerProvider(path));
                }
            })
            .AddSingleton<IConfiguration>(configuration)
            .AddPlanFunctionsTool<CountingTool>()
            .AddPlanFunctionsDurableTask(configuration)
            .BuildServiceProvider();
        var runner = await LocalDurableTaskRunner.StartAsync(
            new LocalDurableTaskOptions
            {
                ConnectionString = azurite.ConnectionString,
                TaskHubName = "t" + Guid.NewGuid().ToString("N")[..20],
                PartitionCount = 1,
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(300),
                QueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            },
            services);
        return new DurableEngine(services, runner);
    }

    /// <summary>Validates and starts a plan; returns its instance id.</summary>
    public async Task<string> StartAsync(string planJson, string? instanceId = null)
    {
        var read = Client.Validate(Encoding.UTF8.GetBytes(planJson));
        Assert.True(read.Succeeded, string.Join("; ", read.Problems.Select(p => p.ToString())));
        instanceId ??= Guid.NewGuid().ToString("N");
        Assert.Equal(StartRunResult.Started, await Client.StartAsync(instanceId, read.Plan!));
        return instanceId;
    }

    /// <summary>Waits for a condition on the run's status document, with a generous deadline.</summary>
    public async Task<OrchestrationStatus> WaitForAsync(string instanceId, Func<OrchestrationStatus, bool> condition, double seconds = 90)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        OrchestrationStatus? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await Client.GetStatusAsync(instanceId);
            if (status is not null && condition(status))
            {
                return status;
            }

            var backend = await _runner.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (backend?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed)
            {
                throw new InvalidOperationException($"Run {instanceId}'s orchestration failed: {backend.FailureDetails?.ErrorType}: {backend.FailureDetails?.ErrorMessage} {backend.SerializedOutput}\n{backend.FailureDetails?.StackTrace}");
            }

            await Task.Delay(Poll);
        }

        throw new TimeoutException($"Run {instanceId} did not reach the condition within {seconds} s; last status {status?.RuntimeStatus}, progress {status?.CustomStatus}.");
    }

    /// <summary>Waits for the run to end (its output is there).</summary>
    public Task<OrchestrationStatus> WaitForEndAsync(string instanceId, double seconds = 90) =>
        WaitForAsync(instanceId, s => s.Output is not null, seconds);

    /// <summary>Waits until the statistics satisfy a condition (entity signals are delivered a moment after the run ends).</summary>
    public async Task<Core.Statistics.ExecutionStatistics> WaitForStatisticsAsync(Func<Core.Statistics.ExecutionStatistics, bool> condition, double seconds = 60)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        var statistics = await Client.GetStatisticsAsync();
        while (!condition(statistics))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The statistics did not reach the condition within {seconds} s: {statistics}");
            }

            await Task.Delay(Poll);
            statistics = await Client.GetStatisticsAsync();
        }

        return statistics;
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        await _services.DisposeAsync();
    }
}
