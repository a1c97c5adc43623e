using System.Text.Json;
using CsCheck;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Snapshots;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// A run restored from its snapshot is the run: what the Durable Task engine relies on when it carries a run through
/// ContinueAsNew, and the Orleans engine when it rebuilds from a snapshot.
/// </summary>
public sealed class PlanRunSnapshotPropertyTests
{
    /// <summary>Setting CsCheck_Iter searches longer (-1 lets CsCheck read it).</summary>
    private static readonly long Iterations = Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? 300 : -1;

    [Fact]
    public void Restoring_the_snapshot_of_any_prefix_then_applying_the_rest_gives_the_run_that_folding_every_event_gives() => ForAll(c =>
    {
        var history = new ScriptedRun(c).RunToEnd().History;
        var folded = PlanRun.FromHistory(history);

        foreach (var cut in Cuts(c, history.Count))
        {
            var restored = Restore(PlanRun.FromHistory(history.Take(cut)));
            foreach (var e in history.Skip(cut))
            {
                restored.Apply(e);
            }

            AssertSame(folded, restored, history[^1].Timestamp, $"restored after {cut} of {history.Count} events");
        }
    });

    [Fact]
    public void A_run_restored_from_the_snapshot_of_a_prefix_decides_and_recovers_as_the_folded_prefix_does() => ForAll(iterations: 100, property: c =>
    {
        var history = new ScriptedRun(c).RunToEnd().History;

        foreach (var cut in Cuts(c, history.Count))
        {
            var prefix = history.Take(cut).ToList();
            var folded = PlanRun.FromHistory(prefix);
            var restored = Restore(PlanRun.FromHistory(prefix));
            var at = prefix[^1].Timestamp;
            var because = $"after {cut} of {history.Count} events";

            Assert.Equal(Json(folded.RecoverInFlight()), Json(restored.RecoverInFlight()));

            // Deciding at the moment of the cut, when the next event was recorded, and long after: every timer that
            // was due (attempt deadlines, retries, the run's deadline) fires the same way, in the same order.
            foreach (var now in new[] { at, cut < history.Count ? history[cut].Timestamp : at, at.AddDays(30) })
            {
                var expected = Json(folded.Decide(now));
                var actual = Json(restored.Decide(now));
                Assert.True(expected == actual, $"{because}, deciding at {now:O}: expected {expected}, got {actual}");
            }

            AssertSame(folded, restored, at.AddDays(30), because);
        }
    });

    [Fact]
    public void The_snapshot_taken_after_every_decision_reads_back_exactly() => ForAll(iterations: 100, property: c =>
    {
        _ = new ScriptedRun(c)
        {
            AfterEachDecision = run =>
            {
                var json = run.ToSnapshot().ToJson();
                Assert.Equal(json, PlanRun.FromSnapshot(PlanRunSnapshot.FromJson(json)).ToSnapshot().ToJson());
            },
        }.RunToEnd();
    });

    [Fact]
    public void A_snapshot_of_another_version_is_refused_with_both_versions_named()
    {
        var run = PlanRun.FromHistory([new RunStarted { Timestamp = ScriptedRun.Start, InstanceId = "run", Plan = TestPlans.Plan(TestPlans.Step("a")) }]);
        var json = (run.ToSnapshot() with { Version = 99 }).ToJson();

        var error = Assert.Throws<JsonException>(() => PlanRunSnapshot.FromJson(json));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {PlanRunSnapshot.CurrentVersion}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The snapshot written as JSON text and read back: the form it is carried in.</summary>
    private static PlanRun Restore(PlanRun run) => PlanRun.FromSnapshot(PlanRunSnapshot.FromJson(run.ToSnapshot().ToJson()));

    private static void AssertSame(PlanRun expected, PlanRun actual, DateTimeOffset now, string because)
    {
        Assert.True(expected.ToSnapshot().ToJson() == actual.ToSnapshot().ToJson(), $"{because}: the snapshots differ");
        Assert.True(RunSnapshot.Of(expected) == RunSnapshot.Of(actual), $"{because}: the runs differ");
        var query = new StatusQuery(ShowInput: true);
        Assert.True(
            Json(RunStatusDocument.Build(expected, now, query)) == Json(RunStatusDocument.Build(actual, now, query)),
            $"{because}: the status documents differ");
    }

    /// <summary>Where to cut the history: after the start, at the case's crash points, and before the last event.</summary>
    private static IEnumerable<int> Cuts(RunCase c, int count) =>
        new[] { 1, count - 1, count }.Concat(c.CrashPoints.Select(p => Math.Max(1, p * count / 1000))).Where(n => n >= 1 && n <= count).Distinct();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, PlanJson.Options);

    /// <summary>Properties that decide or snapshot at every step cost more than folding: fewer cases (CsCheck_Iter still searches longer).</summary>
    private static void ForAll(Action<RunCase> property, long iterations = 300) =>
        RunCases.Cases.Sample(property, iter: Iterations < 0 ? Iterations : iterations, print: c => c.Describe());
}
