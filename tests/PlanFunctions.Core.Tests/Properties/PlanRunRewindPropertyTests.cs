using CsCheck;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Snapshots;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>Rewinding generated runs that ended Failed: what every rewind keeps, what it runs again, and that it is restorable.</summary>
public sealed class PlanRunRewindPropertyTests
{
    /// <summary>Setting CsCheck_Iter searches longer (-1 lets CsCheck read it).</summary>
    private static readonly long Iterations = Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? 300 : -1;

    [Fact]
    public void A_rewound_run_ends_again_keeps_every_succeeded_step_and_never_dispatches_an_attempt_twice() => ForFailed(sim =>
    {
        var before = sim.Run.Plan.Steps.ToDictionary(s => s.Id, s => sim.Run.GetStep(s.Id));
        var rewindAt = sim.History.Count;

        sim.Rewind("property test").RunToEnd();

        Assert.True(sim.Run.IsEnded, $"the rewound run is stuck in {sim.Run.RuntimeStatus} at {sim.Now:O}");
        Assert.Equal(1, sim.Run.Rewinds);
        var after = sim.History.Skip(rewindAt).ToList();
        foreach (var (id, outcome) in before)
        {
            var now = sim.Run.GetStep(id);
            if (outcome.Status == StepStatus.Succeeded)
            {
                Assert.Equal(StepStatus.Succeeded, now.Status);
                Assert.Equal(outcome.Output?.GetRawText(), now.Output?.GetRawText());
                Assert.DoesNotContain(after, e => e is StepDispatched d && d.StepId == id);
            }

            Assert.True(now.Attempts >= outcome.Attempts, $"'{id}' had {outcome.Attempts} attempts and now has {now.Attempts}");
            if (outcome.Status is StepStatus.Failed or StepStatus.Cancelled && now.Attempts > outcome.Attempts)
            {
                Assert.Contains(after, e => e is StepDispatched d && d.StepId == id && d.Attempt == outcome.Attempts + 1);
            }
        }

        var dispatched = sim.History.OfType<StepDispatched>().Select(d => (d.StepId, d.Attempt)).ToList();
        Assert.Equal(dispatched.Count, dispatched.Distinct().Count());
    });

    [Fact]
    public void A_rewound_run_restored_from_the_snapshot_of_any_prefix_is_the_run_folded_from_every_event() => ForFailed(sim =>
    {
        var history = sim.Rewind("property test").RunToEnd().History;
        var folded = PlanRun.FromHistory(history);

        var rewind = history.FindIndex(e => e is RunRewound);
        foreach (var cut in new[] { rewind, rewind + 1, rewind + 2, (rewind + history.Count) / 2, history.Count - 1 }.Where(c => c > 0 && c <= history.Count).Distinct())
        {
            var restored = PlanRun.FromSnapshot(PlanRunSnapshot.FromJson(PlanRun.FromHistory(history.Take(cut)).ToSnapshot().ToJson()));
            foreach (var e in history.Skip(cut))
            {
                restored.Apply(e);
            }

            Assert.True(folded.ToSnapshot().ToJson() == restored.ToSnapshot().ToJson(), $"restored after {cut} of {history.Count} events (rewind at {rewind}): the snapshots differ");
        }
    });

    [Fact]
    public void The_end_a_rewind_took_back_is_the_end_the_statistics_counted() => ForFailed(sim =>
    {
        var counted = RunStatistics.EndedReport(sim.Run);

        sim.Rewind("property test");

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(counted), System.Text.Json.JsonSerializer.Serialize(sim.Run.RewoundEnd));
        var counters = RunStatistics.RemoveEnded(RunStatistics.AddEnded(new ExecutionStatistics(), counted), sim.Run.RewoundEnd!);
        Assert.Equal(0, counters.EndedPlans);
        Assert.All(counters.Tools.Values, t => Assert.Equal(new ToolStatistics(), t));
    });

    /// <summary>Generated runs that end Failed, driven to their end; the others pass trivially.</summary>
    private static void ForFailed(Action<ScriptedRun> property) =>
        RunCases.Cases.Sample(
            c =>
            {
                var sim = new ScriptedRun(c).RunToEnd();
                if (sim.Run.RuntimeStatus == RuntimeStatus.Failed)
                {
                    property(sim);
                }
            },
            iter: Iterations < 0 ? Iterations : 300,
            print: c => c.Describe());
}
