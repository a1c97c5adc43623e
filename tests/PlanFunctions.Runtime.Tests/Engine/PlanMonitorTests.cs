using PlanFunctions.Core.Execution;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>
/// The monitor entity holds a run's progress: a change of status reaches it at once, and other progress within
/// <c>MonitorUpdateInterval</c>, even when the run then waits and decides nothing more.
/// </summary>
public sealed class PlanMonitorTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Progress_reaches_the_monitor_within_the_interval_while_the_run_waits()
    {
        // The liveness check of running activities would wake the run too: put it out of the test's reach.
        await using var engine = await EngineCluster.StartAsync(configure: options =>
        {
            options.MonitorUpdateInterval = TimeSpan.FromMilliseconds(300);
            options.ActivityCheckInterval = TimeSpan.FromMinutes(5);
        });

        // "first" ends at once and "wait" then waits for an event that never comes: nothing else makes the run decide.
        var id = await engine.StartAsync("""
            { "name": "monitored", "steps": [
                { "id": "first", "tool": "echo", "parameters": { "v": 1 } },
                { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "go" }, "dependsOn": ["first"] } ] }
            """);

        await Eventually.TrueAsync(
            async () => await engine.Client.GetProgressAsync(id) is { CompletedSteps: 1, Status: RuntimeStatus.Running },
            Soon,
            "the monitor never showed the first step completed");
        await engine.Client.TerminateAsync(id, "test over");
    }

    [Fact]
    public async Task The_end_of_a_run_reaches_the_monitor_with_its_final_progress()
    {
        // An interval longer than the test: only the change of status can bring the end to the monitor.
        await using var engine = await EngineCluster.StartAsync(configure: options => options.MonitorUpdateInterval = TimeSpan.FromMinutes(1));
        var id = await engine.StartAsync("""
            { "name": "ends", "steps": [
                { "id": "a", "tool": "echo", "parameters": { "v": 1 } },
                { "id": "b", "tool": "echo", "parameters": { "v": 2 }, "dependsOn": ["a"] },
                { "id": "c", "tool": "echo", "parameters": { "v": 3 }, "dependsOn": ["b"] } ] }
            """);
        await engine.WaitForEndAsync(id);

        await Eventually.TrueAsync(
            async () => await engine.Client.GetProgressAsync(id) is { CompletedSteps: 3, TotalSteps: 3, Status: RuntimeStatus.Completed },
            Soon,
            "the monitor never showed the run completed");
    }
}
