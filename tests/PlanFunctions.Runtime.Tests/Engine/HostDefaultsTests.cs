using PlanFunctions.Core.Execution;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>The host's default deadline, step timeout and retry policy apply to plans that set none.</summary>
public sealed class HostDefaultsTests
{
    [Fact]
    public async Task A_plan_without_timeouts_or_retry_gets_the_hosts_defaults_and_its_own_settings_win()
    {
        await using var engine = await EngineCluster.StartAsync(configure: options =>
        {
            options.DefaultStepTimeoutSeconds = 0.5;
            options.DefaultRetry.MaxNumberOfAttempts = 2;
            options.DefaultRetry.FirstRetryIntervalSeconds = 0.05;
        });

        var hostDefaults = await engine.StartAsync("""{ "name": "d", "steps": [ { "id": "hang", "tool": "probe", "parameters": { "ms": -1 } } ] }""");
        var ownSettings = await engine.StartAsync("""
            { "name": "own", "timeoutSeconds": 60, "steps": [
                { "id": "quick", "tool": "probe", "parameters": { "ms": 1000 }, "timeoutSeconds": 30, "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);

        var status = await engine.WaitForEndAsync(hostDefaults);
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(2, status.Output!.Steps["hang"].Attempts);
        Assert.Contains("timed out", status.Output.Steps["hang"].Error);
        var accepted = status.Input!.Value;
        Assert.Equal(0.5, accepted.GetProperty("defaults").GetProperty("timeoutSeconds").GetDouble());
        Assert.Equal(2, accepted.GetProperty("defaults").GetProperty("retry").GetProperty("maxNumberOfAttempts").GetInt32());

        var own = await engine.WaitForEndAsync(ownSettings);
        Assert.Equal(RuntimeStatus.Completed, own.RuntimeStatus);
        Assert.Equal(60, own.Input!.Value.GetProperty("timeoutSeconds").GetDouble());
    }
}
