using PlanFunctions.Core.Execution;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Entities;

public sealed class PlanMonitorEntityTests
{
    private readonly EntityOperations _monitor = new("planmonitor", "run-1");

    [Fact]
    public async Task It_holds_the_progress_it_was_last_sent_until_the_run_is_purged()
    {
        Assert.Null(await _monitor.RunAsync(new PlanMonitorEntity(), "Get"));

        await _monitor.RunAsync(new PlanMonitorEntity(), "Update", Progress(completed: 1));
        await _monitor.RunAsync(new PlanMonitorEntity(), "Update", Progress(completed: 2));
        var progress = Assert.IsType<ExecutionProgress>(await _monitor.RunAsync(new PlanMonitorEntity(), "Get"));

        Assert.Equal("run-1", progress.PlanId);
        Assert.Equal(2, progress.CompletedSteps);
        Assert.Equal(3, progress.TotalSteps);
        Assert.Equal(RuntimeStatus.Running, progress.Status);

        await _monitor.RunAsync(new PlanMonitorEntity(), "Delete");

        Assert.False(_monitor.HasState);
        Assert.Null(await _monitor.RunAsync(new PlanMonitorEntity(), "Get"));
    }

    private static ExecutionProgress Progress(int completed) => new()
    {
        PlanId = "run-1",
        TotalSteps = 3,
        CompletedSteps = completed,
        Status = RuntimeStatus.Running,
        CurrentStep = "step-" + completed,
    };
}
