using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>
/// <c>RunPlan</c> scheduled with a bare plan, as Durable Functions' own start route
/// (<c>POST /runtime/webhooks/durabletask/orchestrators/RunPlan</c>) hands it: validated with the host's settings, run
/// with the host's defaults, or ended Failed naming every problem.
/// </summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class BarePlanTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    private DurableEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DurableEngine.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["extensions:durableTask:defaultRetry:maxNumberOfAttempts"] = "4",
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_bare_plan_runs_with_the_host_defaults()
    {
        var plan = Json("""{ "name": "bare", "steps": [ { "id": "a", "tool": "echo", "parameters": { "x": 1 } }, { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": { "y": "{{ steps.a.output.x }}" } } ] }""");
        var id = await _engine.Backend.ScheduleNewOrchestrationInstanceAsync(PlanFunctionsTaskNames.RunPlan, plan);

        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("bare", status.Name);
        Assert.Equal(1, status.Output!.Steps["b"].Output!.Value.GetProperty("y").GetInt32());
        var full = await _engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowHistoryOutput: true, ShowInput: true));
        Assert.NotEmpty(full!.HistoryEvents!);
        Assert.Equal(4, full.Input!.Value.GetProperty("defaults").GetProperty("retry").GetProperty("maxNumberOfAttempts").GetInt32());
    }

    [Fact]
    public async Task An_invalid_bare_plan_ends_the_run_Failed_naming_every_problem()
    {
        const string planJson = """{ "name": "broken", "steps": [ { "id": "a", "tool": "no-such-tool" }, { "id": "b", "tool": "echo", "dependsOn": ["nowhere"] } ] }""";
        var problems = _engine.Client.Validate(Encoding.UTF8.GetBytes(planJson)).Problems;
        Assert.True(problems.Count >= 2);
        var id = await _engine.Backend.ScheduleNewOrchestrationInstanceAsync(PlanFunctionsTaskNames.RunPlan, Json(planJson));

        var ended = await _engine.Backend.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, ended.RuntimeStatus);

        // DurableTask.Core's Azure Storage backend keeps the failure as the output; Durable Functions shows FailureDetails.
        var failure = ended.FailureDetails?.ErrorMessage ?? ended.SerializedOutput;
        Assert.All(problems, p => Assert.Contains(p.ToString(), failure, StringComparison.Ordinal));
        var status = await _engine.Client.GetStatusAsync(id);
        Assert.Equal(RuntimeStatus.Failed, status!.RuntimeStatus);
        Assert.Equal("broken", status.Name);
        Assert.All(problems, p => Assert.Contains(p.ToString(), status.Output!.Error, StringComparison.Ordinal));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
