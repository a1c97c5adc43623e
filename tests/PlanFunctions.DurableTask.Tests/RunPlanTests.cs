using PlanFunctions.Core.Execution;
using PlanFunctions.TestSupport;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>Plans run end to end by the RunPlan orchestrator on the Azure Storage backend (Azurite).</summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class RunPlanTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    private DurableEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DurableEngine.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["extensions:durableTask:defaultFirstRetryIntervalSeconds"] = "0.2",
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_chain_passes_each_output_to_the_next_step()
    {
        var id = await _engine.StartAsync("""
            {
              "name": "chain",
              "input": { "who": "world" },
              "steps": [
                { "id": "a", "tool": "echo", "parameters": { "text": "hello {{ input.who }}" } },
                { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": { "text": "{{ steps.a.output.text }}!" } },
                { "id": "c", "tool": "echo", "dependsOn": ["b"], "parameters": { "text": "{{ steps.b.output.text }}!" } }
              ]
            }
            """);

        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.Succeeded, status.Output!.Outcome);
        Assert.Equal("hello world!!", status.Output.Steps["c"].Output!.Value.GetProperty("text").GetString());
        Assert.Equal(3, status.CustomStatus.CompletedSteps);
        Assert.Equal(RuntimeStatus.Completed, status.CustomStatus.Status);
        Assert.False(string.IsNullOrEmpty(status.Output.Response));
    }

    [Fact]
    public async Task A_fan_out_runs_every_branch_and_the_join_sees_them_all()
    {
        var id = await _engine.StartAsync("""
            {
              "name": "fan-out",
              "steps": [
                { "id": "start", "tool": "echo", "parameters": { "n": 0 } },
                { "id": "b1", "tool": "delay", "dependsOn": ["start"], "parameters": { "milliseconds": 300 } },
                { "id": "b2", "tool": "delay", "dependsOn": ["start"], "parameters": { "milliseconds": 300 } },
                { "id": "b3", "tool": "echo", "dependsOn": ["start"], "parameters": { "n": 3 } },
                { "id": "join", "tool": "echo", "dependsOn": ["b1", "b2", "b3"], "parameters": { "n": "{{ steps.b3.output.n }}" } }
              ]
            }
            """);

        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.All(status.Output!.Steps.Values, s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Equal(3, status.Output.Steps["join"].Output!.Value.GetProperty("n").GetInt32());
        Assert.True(status.Output.Steps["join"].StartedTime >= status.Output.Steps["b1"].CompletedTime);
    }

    [Fact]
    public async Task A_retryable_failure_is_retried_with_core_back_off_and_attempts_are_counted()
    {
        var id = await _engine.StartAsync("""
            {
              "name": "retries",
              "steps": [
                { "id": "flaky", "tool": "fail", "parameters": { "failTimes": 2 },
                  "retry": { "maxNumberOfAttempts": 4, "firstRetryIntervalSeconds": 0.2, "backoffCoefficient": 2, "maxRetryIntervalSeconds": 1 } },
                { "id": "fatal", "tool": "fail", "parameters": { "retryable": false, "message": "bad input" },
                  "retry": { "maxNumberOfAttempts": 4, "firstRetryIntervalSeconds": 0.2 } }
              ]
            }
            """);

        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.PartiallySucceeded, status.Output!.Outcome);
        Assert.Equal(StepStatus.Succeeded, status.Output.Steps["flaky"].Status);
        Assert.Equal(3, status.Output.Steps["flaky"].Attempts);
        Assert.Equal(StepStatus.Failed, status.Output.Steps["fatal"].Status);
        Assert.Equal(1, status.Output.Steps["fatal"].Attempts);
        Assert.Equal("bad input", status.Output.Steps["fatal"].Error);
    }

    [Fact]
    public async Task A_step_past_its_timeout_is_timed_out_and_its_dependents_skipped()
    {
        var id = await _engine.StartAsync("""
            {
              "name": "timeout",
              "steps": [
                { "id": "slow", "tool": "delay", "timeoutSeconds": 1, "parameters": { "milliseconds": 60000 },
                  "retry": { "maxNumberOfAttempts": 1 } },
                { "id": "after", "tool": "echo", "dependsOn": ["slow"], "parameters": { "n": 1 } }
              ]
            }
            """);

        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(StepStatus.Failed, status.Output!.Steps["slow"].Status);
        Assert.Contains("timed out", status.Output.Steps["slow"].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Skipped, status.Output.Steps["after"].Status);
    }
}
