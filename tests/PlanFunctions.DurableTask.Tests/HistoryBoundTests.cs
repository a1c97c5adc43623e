using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.TestSupport;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>Long plans keep the orchestration's history short: ContinueAsNew carries Core's snapshot to the next generation.</summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class HistoryBoundTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    private DurableEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DurableEngine.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["extensions:durableTask:turnsPerGeneration"] = "10",
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task A_plan_of_1000_steps_in_chains_and_fan_outs_completes()
    {
        // 40 chains of 25 steps each, side by side: 1,000 activities, 40 at a time.
        var steps = new List<object>();
        for (var chain = 0; chain < 40; chain++)
        {
            for (var link = 0; link < 25; link++)
            {
                steps.Add(link == 0
                    ? new { id = $"c{chain}s0", tool = "echo", parameters = new { n = chain } }
                    : new { id = $"c{chain}s{link}", tool = "echo", dependsOn = new[] { $"c{chain}s{link - 1}" }, parameters = new { n = link } });
            }
        }

        var id = await _engine.StartAsync(JsonSerializer.Serialize(new { name = "thousand", steps }));
        var status = await _engine.WaitForEndAsync(id, seconds: 400);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1000, status.CustomStatus.CompletedSteps);
        Assert.All(status.Output!.Steps.Values, s => Assert.Equal(1, s.Attempts));
    }

    [Fact]
    public async Task A_chain_longer_than_a_generation_runs_every_step_once_across_continue_as_new()
    {
        const int length = 60;
        var steps = Enumerable.Range(0, length).Select(i => i == 0
            ? (object)new { id = "s0", tool = "echo", parameters = new { n = 0 } }
            : new { id = $"s{i}", tool = "echo", dependsOn = new[] { $"s{i - 1}" }, parameters = new { n = $"{{{{ steps.s{i - 1}.output.n }}}}" } });
        var plan = JsonSerializer.Serialize(new { name = "long chain", steps });

        var id = await _engine.StartAsync(plan);
        var status = await _engine.WaitForEndAsync(id, seconds: 240);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(length, status.Output!.Steps.Count);
        Assert.All(status.Output.Steps.Values, s => Assert.Equal(1, s.Attempts));
        Assert.Equal(length, status.CustomStatus.CompletedSteps);
        var statistics = await _engine.WaitForStatisticsAsync(s => s.CompletedPlans == 1);
        Assert.Equal(1, statistics.TotalPlans);
        Assert.Equal(0, statistics.ActiveExecutions);
        Assert.Equal(length, statistics.Tools["echo"].Steps);
    }
}
