using PlanFunctions.Core.Execution;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>A run whose history reaches the host's limit is stopped and fails, saying which setting it hit.</summary>
public sealed class HistoryLimitTests
{
    [Fact]
    public async Task A_run_that_reaches_the_history_limit_fails_naming_the_setting_and_others_are_unaffected()
    {
        await using var engine = await EngineCluster.StartAsync(configure: options => options.MaxHistoryEvents = 100);
        var steps = string.Join(",", Enumerable.Range(0, 80).Select(i =>
            i == 0 ? """{ "id": "s0", "tool": "echo" }""" : $$"""{ "id": "s{{i}}", "tool": "echo", "dependsOn": ["s{{i - 1}}"] }"""));
        var big = await engine.StartAsync($$"""{ "name": "long", "steps": [ {{steps}} ] }""");
        var small = await engine.StartAsync("""{ "name": "short", "steps": [ { "id": "a", "tool": "echo" } ] }""");

        var status = await engine.WaitForEndAsync(big);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("extensions:durableTask:MaxHistoryEvents", status.Output!.Error);
        Assert.Contains(status.Output.Steps.Values, s => s.Status == StepStatus.Cancelled);
        Assert.Equal(RuntimeStatus.Completed, (await engine.WaitForEndAsync(small)).RuntimeStatus);
    }
}
