using Microsoft.DurableTask.Entities;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Statistics;
using PlanFunctions.DurableTask.Entities;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>The entities' operations, run through ITaskEntity as the Durable Task worker runs them.</summary>
public sealed class EntityTests
{
    [Fact]
    public async Task Statistics_count_a_run_once_however_often_it_is_reported()
    {
        var state = new EntityState();
        ITaskEntity entity = new ExecutionStatisticsEntity();
        var report = new RunEndedReport
        {
            InstanceId = "run1",
            RuntimeStatus = RuntimeStatus.Terminated,
            DurationSeconds = 2,
            Tools = new Dictionary<string, ToolStatistics> { ["echo"] = new() { Steps = 1, Retries = 1 } },
        };

        await entity.RunAsync(new Operation("RunStarted", "run1", state));
        await entity.RunAsync(new Operation("RunStarted", "run1", state));
        var during = (ExecutionStatistics)(await entity.RunAsync(new Operation("Get", null, state)))!;
        await entity.RunAsync(new Operation("RunEnded", report, state));
        await entity.RunAsync(new Operation("RunEnded", report, state));
        var after = (ExecutionStatistics)(await entity.RunAsync(new Operation("Get", null, state)))!;

        Assert.Equal(1, during.ActiveExecutions);
        Assert.Equal(1, after.TotalPlans);
        Assert.Equal(0, after.ActiveExecutions);
        Assert.Equal(1, after.TerminatedPlans);
        Assert.Equal(1, after.Tools["echo"].Retries);
        Assert.Equal(2, after.AverageDurationSeconds);
    }

    [Fact]
    public async Task The_monitor_keeps_the_last_progress_until_deleted()
    {
        var state = new EntityState();
        ITaskEntity entity = new PlanMonitorEntity();
        var progress = new ExecutionProgress { PlanId = "run1", Status = RuntimeStatus.Running, TotalSteps = 3, CompletedSteps = 1 };

        Assert.Null(await entity.RunAsync(new Operation("Get", null, state)));
        await entity.RunAsync(new Operation("Update", progress, state));
        Assert.Equal(progress, await entity.RunAsync(new Operation("Get", null, state)));
        await entity.RunAsync(new Operation("Delete", null, state));

        Assert.False(state.HasState);
    }

    [Fact]
    public void A_run_always_hashes_to_the_same_shard()
    {
        Assert.Equal(ExecutionStatisticsEntity.ShardOf("abc", 8), ExecutionStatisticsEntity.ShardOf("abc", 8));
        Assert.InRange(ExecutionStatisticsEntity.ShardOf("abc", 8), 0, 7);
        Assert.Equal(0, ExecutionStatisticsEntity.ShardOf("abc", 1));
    }

    private sealed class EntityState : TaskEntityState
    {
        private object? _value;

        public override bool HasState => _value is not null;

        public override object? GetState(Type type) => _value;

        public override void SetState(object? state) => _value = state;
    }

    private sealed class Operation(string name, object? input, TaskEntityState state) : TaskEntityOperation
    {
        public override string Name => name;

        public override TaskEntityContext Context => null!;

        public override TaskEntityState State => state;

        public override bool HasInput => input is not null;

        public override object? GetInput(Type inputType) => input;
    }
}
