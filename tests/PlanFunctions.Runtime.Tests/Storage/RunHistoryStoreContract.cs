using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.History;

namespace PlanFunctions.Runtime.Tests.Storage;

/// <summary>What every <see cref="IRunHistoryStore"/> must do; each store's test class derives from this.</summary>
public abstract class RunHistoryStoreContract
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>The store under test, empty and of its own.</summary>
    protected abstract IRunHistoryStore Store { get; }

    [Fact]
    public async Task Reading_an_unknown_run_gives_an_empty_history()
    {
        Assert.Empty(await Store.ReadAsync("never-started"));
    }

    [Theory]
    [InlineData("run-1")]
    [InlineData("team/a#1?x='%'~|")]
    public async Task Every_kind_of_event_reads_back_as_written_in_order(string instanceId)
    {
        var plan = PlanReader.Read("""{ "name": "Report", "steps": [ { "id": "fetch", "tool": "echo", "parameters": { "n": 1 } } ] }""").Plan!;
        RunEvent[] events =
        [
            new RunStarted { Timestamp = Start, InstanceId = instanceId, Plan = plan },
            new StepDispatched { Timestamp = Start.AddSeconds(1), StepId = "fetch", Attempt = 1, Deadline = Start.AddMinutes(5) },
            new StepSucceeded { Timestamp = Start.AddSeconds(2), StepId = "fetch", Attempt = 1, Output = Json("""{"rows":[1,2,3],"note":"é ✓"}""") },
            new EventRaised { Timestamp = Start.AddSeconds(3), Name = "approval", Payload = Json("true") },
            new RunCompleted { Timestamp = Start.AddSeconds(4), RuntimeStatus = RuntimeStatus.Completed, Response = "done" },
        ];

        await Store.AppendAsync(instanceId, 0, events[..2]);
        await Store.AppendAsync(instanceId, 2, events[2..]);

        AssertSameEvents(events, await Store.ReadAsync(instanceId));
        Assert.Empty(await Store.ReadAsync(instanceId + "x"));
    }

    [Fact]
    public async Task A_300_KiB_output_and_more_than_100_events_in_one_append_read_back_in_order()
    {
        var events = Dispatches("step", 250).ToList();
        var big = new string('x', 300 * 1024);
        events[137] = new StepSucceeded { Timestamp = Start, StepId = "big", Attempt = 1, Output = Json(JsonSerializer.Serialize(new { big })) };

        await Store.AppendAsync("run-big", 0, events);
        var read = await Store.ReadAsync("run-big");

        AssertSameEvents(events, read);
        Assert.Equal(big, Assert.IsType<StepSucceeded>(read[137]).Output.GetProperty("big").GetString());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(150)]
    public async Task Of_two_appends_at_the_same_count_exactly_one_wins_and_the_other_conflicts(int eventsEach)
    {
        await Store.AppendAsync("run-race", 0, Dispatches("start", 2).ToList());

        var appends = new[] { "left", "right" }
            .Select(writer => Task.Run(() => Store.AppendAsync("run-race", 2, Dispatches(writer, eventsEach).ToList())))
            .ToArray();
        await Task.WhenAll(appends.Select(a => a.ContinueWith(static _ => { }, TaskScheduler.Default)));

        await Assert.Single(appends, a => a.IsCompletedSuccessfully);
        var loser = Assert.Single(appends, a => !a.IsCompletedSuccessfully);
        await Assert.ThrowsAsync<RunHistoryConflictException>(() => loser);
        var winner = appends[0].IsCompletedSuccessfully ? "left" : "right";
        AssertSameEvents([.. Dispatches("start", 2), .. Dispatches(winner, eventsEach)], await Store.ReadAsync("run-race"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    public async Task An_append_at_a_count_other_than_the_history_length_conflicts_and_changes_nothing(int expectedCount)
    {
        var stored = Dispatches("stored", 3).ToList();
        await Store.AppendAsync("run-stale", 0, stored);

        await Assert.ThrowsAsync<RunHistoryConflictException>(
            () => Store.AppendAsync("run-stale", expectedCount, Dispatches("stale", 2).ToList()));

        AssertSameEvents(stored, await Store.ReadAsync("run-stale"));
    }

    [Fact]
    public async Task An_append_to_an_unknown_run_must_expect_no_events()
    {
        await Assert.ThrowsAsync<RunHistoryConflictException>(
            () => Store.AppendAsync("run-unknown", 1, Dispatches("early", 1).ToList()));

        Assert.Empty(await Store.ReadAsync("run-unknown"));
    }

    [Fact]
    public async Task An_empty_append_succeeds_only_at_the_history_length()
    {
        await Store.AppendAsync("run-empty", 0, Dispatches("stored", 2).ToList());

        await Store.AppendAsync("run-empty", 2, []);
        await Assert.ThrowsAsync<RunHistoryConflictException>(() => Store.AppendAsync("run-empty", 1, []));
        await Assert.ThrowsAsync<RunHistoryConflictException>(() => Store.AppendAsync("run-empty", 3, []));

        Assert.Equal(2, (await Store.ReadAsync("run-empty")).Count);
    }

    [Fact]
    public async Task Delete_removes_the_whole_history_and_the_id_can_start_again()
    {
        await Store.AppendAsync("run-gone", 0, Dispatches("first", 130).ToList());
        await Store.AppendAsync("run-kept", 0, Dispatches("other", 1).ToList());

        Assert.True(await Store.DeleteAsync("run-gone"));

        Assert.Empty(await Store.ReadAsync("run-gone"));
        Assert.False(await Store.DeleteAsync("run-gone"));
        Assert.Single(await Store.ReadAsync("run-kept"));
        var again = Dispatches("second", 2).ToList();
        await Store.AppendAsync("run-gone", 0, again);
        AssertSameEvents(again, await Store.ReadAsync("run-gone"));
    }

    [Fact]
    public async Task Deleting_an_unknown_run_reports_that_there_was_none()
    {
        Assert.False(await Store.DeleteAsync("never-started"));
    }

    protected static IEnumerable<RunEvent> Dispatches(string stepId, int count) =>
        Enumerable.Range(1, count).Select(attempt => new StepDispatched
        {
            Timestamp = Start.AddSeconds(attempt),
            StepId = stepId,
            Attempt = attempt,
            Deadline = Start.AddMinutes(attempt),
        });

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    // Events hold JsonElements, which records compare by reference; their JSON is what must survive.
    protected static void AssertSameEvents(IReadOnlyList<RunEvent> expected, IReadOnlyList<RunEvent> actual) =>
        Assert.Equal(expected.Select(ToJson), actual.Select(ToJson));

    private static string ToJson(RunEvent e) => JsonSerializer.Serialize(e, PlanJson.Options);
}
