using System.Text.Json;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Status;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>Rewind on the Durable Task engine: a Failed run goes on from its failed steps, on Azurite.</summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class RewindTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    // "flaky" fails its first attempt and, with no retries, fails the run; "after" is skipped because of it.
    private const string FailsOncePlan = """
        {
          "name": "fails-once",
          "steps": [
            { "id": "before", "tool": "count" },
            { "id": "flaky", "tool": "fail", "dependsOn": ["before"], "parameters": { "message": "the world was not ready", "failTimes": 1 },
              "retry": { "maxNumberOfAttempts": 1 } },
            { "id": "after", "tool": "count", "dependsOn": ["flaky"] }
          ]
        }
        """;

    private DurableEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DurableEngine.StartAsync(azurite);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_rewound_run_runs_its_failed_and_skipped_steps_again_and_keeps_what_succeeded()
    {
        var id = await _engine.StartAsync(FailsOncePlan);
        var failed = await _engine.WaitForEndAsync(id);
        Assert.Equal(RuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, failed.Output!.Steps["after"].Status);

        Assert.Equal(ControlResult.Accepted, await _engine.Client.RewindAsync(id, "the world is ready now"));
        var status = await _engine.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Completed);

        Assert.Equal(StepStatus.Succeeded, status.Output!.Steps["flaky"].Status);
        Assert.Equal(2, status.Output.Steps["flaky"].Attempts);
        Assert.Equal(StepStatus.Succeeded, status.Output.Steps["after"].Status);
        Assert.Equal(1, CountingTool.RunsOf(id)["before"]);
        Assert.Equal(1, CountingTool.RunsOf(id)["after"]);

        var full = await _engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowHistoryOutput: true, ShowInput: false));
        var events = full!.HistoryEvents!.Select(e => e.Deserialize<RunEvent>(PlanJson.Options)!).ToList();
        var rewound = Assert.Single(events.OfType<RunRewound>());
        Assert.Equal("the world is ready now", rewound.Reason);
        Assert.Equal(2, events.OfType<RunCompleted>().Count());
    }

    [Fact]
    public async Task Rewinding_a_run_that_is_not_Failed_is_refused_and_an_unknown_one_is_not_found()
    {
        var id = await _engine.StartAsync("""{ "name": "fine", "steps": [ { "id": "a", "tool": "echo" } ] }""");
        Assert.Equal(RuntimeStatus.Completed, (await _engine.WaitForEndAsync(id)).RuntimeStatus);

        Assert.Equal(ControlResult.Conflict, await _engine.Client.RewindAsync(id, null));
        Assert.Equal(ControlResult.NotFound, await _engine.Client.RewindAsync("no-such-run-" + Guid.NewGuid().ToString("N"), null));
        Assert.Equal(RuntimeStatus.Completed, (await _engine.Client.GetStatusAsync(id))!.RuntimeStatus);
    }
}
