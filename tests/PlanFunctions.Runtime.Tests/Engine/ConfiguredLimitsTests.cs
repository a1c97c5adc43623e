namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>The plan limits are settings of the host, not only constants of the validator.</summary>
public sealed class ConfiguredLimitsTests
{
    [Fact]
    public async Task Plans_are_held_to_the_limits_the_host_is_configured_with()
    {
        await using var engine = await EngineCluster.StartAsync(configure: options =>
        {
            options.MaxSteps = 3;
            options.MaxExpressionLength = 20;
        });

        var read = engine.Client.Validate("""
            { "name": "n", "steps": [
                { "id": "a", "tool": "echo" }, { "id": "b", "tool": "echo" }, { "id": "c", "tool": "echo" },
                { "id": "d", "tool": "echo", "dependsOn": ["a"], "condition": "steps.a.status == 'Succeeded'" } ] }
            """u8.ToArray());

        Assert.Contains(read.Problems, p => p.Message.Contains("PlanLimits.MaxSteps", StringComparison.Ordinal) && p.Message.Contains('3'));
        Assert.Contains(read.Problems, p => p.StepId == "d" && p.Message.Contains("PlanLimits.MaxExpressionLength", StringComparison.Ordinal));
    }
}
