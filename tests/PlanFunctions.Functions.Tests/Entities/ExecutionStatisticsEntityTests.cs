using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Statistics;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Entities;

public sealed class ExecutionStatisticsEntityTests
{
    private readonly EntityOperations _shard = new("executionstatistics", "0");

    [Fact]
    public async Task A_run_is_counted_once_when_it_starts_and_once_when_it_ends_however_often_it_is_reported()
    {
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunStarted", "run-a");
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunStarted", "run-a");
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunStarted", "run-b");
        var running = await GetAsync();

        Assert.Equal(2, running.TotalPlans);
        Assert.Equal(2, running.ActiveExecutions);

        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunEnded", Ended("run-a", RuntimeStatus.Completed, 10));
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunEnded", Ended("run-a", RuntimeStatus.Completed, 10));
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunEnded", Ended("run-b", RuntimeStatus.Failed, 30));
        var ended = await GetAsync();

        Assert.Equal(2, ended.TotalPlans);
        Assert.Equal(0, ended.ActiveExecutions);
        Assert.Equal(1, ended.CompletedPlans);
        Assert.Equal(1, ended.FailedPlans);
        Assert.Equal(0.5, ended.SuccessRate);
        Assert.Equal(20, ended.AverageDurationSeconds);
        Assert.Equal(2, ended.Tools["echo"].Retries);
    }

    [Theory]
    [InlineData(RuntimeStatus.Terminated)]
    [InlineData(RuntimeStatus.Canceled)]
    public async Task A_terminated_or_cancelled_run_is_counted_under_its_own_status(RuntimeStatus status)
    {
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunStarted", "run-a");
        await _shard.RunAsync(new ExecutionStatisticsEntity(), "RunEnded", Ended("run-a", status, 5));
        var statistics = await GetAsync();

        Assert.Equal(status == RuntimeStatus.Terminated ? 1 : 0, statistics.TerminatedPlans);
        Assert.Equal(status == RuntimeStatus.Canceled ? 1 : 0, statistics.CancelledPlans);
        Assert.Equal(0, statistics.CompletedPlans);
        Assert.Equal(0, statistics.ActiveExecutions);
    }

    private async Task<ExecutionStatistics> GetAsync() =>
        Assert.IsType<ExecutionStatistics>(await _shard.RunAsync(new ExecutionStatisticsEntity(), "Get"));

    private static RunEndedReport Ended(string instanceId, RuntimeStatus status, double seconds) => new()
    {
        InstanceId = instanceId,
        RuntimeStatus = status,
        DurationSeconds = seconds,
        Tools = new Dictionary<string, ToolStatistics> { ["echo"] = new() { Steps = 1, Retries = 1 } },
    };
}
