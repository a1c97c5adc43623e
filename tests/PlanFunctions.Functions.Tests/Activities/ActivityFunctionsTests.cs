using System.Text.Json;
using PlanFunctions.DurableTask.Activities;
using PlanFunctions.Functions.Activities;
using PlanFunctions.Functions.Tests.TestSupport;
using PlanFunctions.Tools.Execution;

namespace PlanFunctions.Functions.Tests.Activities;

public sealed class ActivityFunctionsTests : IDisposable
{
    private readonly FunctionsApp _app = new();

    private ActivityFunctions Activities => _app.Create<ActivityFunctions>();

    [Fact]
    public async Task ExecuteStep_runs_the_steps_tool_from_the_workers_services_and_returns_its_output()
    {
        var result = await Activities.ExecuteStepAsync(Attempt("echo", """{ "text": "hello" }""", TimeSpan.FromMinutes(1)), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("hello", result.Output!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public void PreparePlan_gives_a_valid_bare_plan_the_host_defaults_and_names_every_problem_of_an_invalid_one()
    {
        var prepared = Activities.PreparePlan("""{ "name": "bare", "steps": [ { "id": "a", "tool": "echo" } ] }""");

        Assert.Empty(prepared.Problems);
        Assert.Equal("bare", prepared.Input!.Plan!.Name);
        Assert.NotNull(prepared.Input.Plan.Defaults!.Retry);
        Assert.False(string.IsNullOrEmpty(prepared.Input.RunToken));

        var refused = Activities.PreparePlan("""{ "name": "bad", "steps": [ { "id": "a", "tool": "no-such-tool" }, { "id": "b", "tool": "echo", "dependsOn": ["nowhere"] } ] }""");

        Assert.Null(refused.Input);
        Assert.Contains(refused.Problems, p => p.Contains("no-such-tool", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteStep_fails_without_retry_for_a_tool_this_worker_does_not_have()
    {
        var result = await Activities.ExecuteStepAsync(Attempt("no-such-tool", "{}", TimeSpan.FromMinutes(1)), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("no-such-tool", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteStep_stops_the_tool_at_the_attempts_deadline_and_reports_a_timeout()
    {
        var result = await Activities.ExecuteStepAsync(Attempt("delay", """{ "milliseconds": 600000 }""", TimeSpan.FromMilliseconds(200)), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("attempt 1 timed out at its deadline", result.Error, StringComparison.Ordinal);
        Assert.True(result.Retryable);
    }

    public void Dispose() => _app.Dispose();

    private static ToolAttempt Attempt(string tool, string parameters, TimeSpan untilDeadline) =>
        new("run-1", "step", 1, tool, JsonDocument.Parse(parameters).RootElement.Clone(), DateTimeOffset.UtcNow + untilDeadline);
}
