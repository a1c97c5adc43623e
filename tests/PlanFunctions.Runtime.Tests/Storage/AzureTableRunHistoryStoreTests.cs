using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableRunHistoryStoreTests(AzuriteFixture azurite) : RunHistoryStoreContract
{
    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();

    protected override IRunHistoryStore Store => CreateStore();

    [Fact]
    public void Histories_are_kept_in_the_hub_history_table()
    {
        Assert.Equal(_options.TaskHubName + "History", CreateStore().TableName);
    }

    [Fact]
    public async Task An_event_too_large_for_one_entity_is_refused_with_its_position_and_nothing_is_appended()
    {
        var store = CreateStore();
        var huge = JsonSerializer.SerializeToElement(new { text = new string('x', 1100 * 1024) });
        RunEvent[] events =
        [
            new StepDispatched { Timestamp = DateTimeOffset.UnixEpoch, StepId = "a", Attempt = 1, Deadline = DateTimeOffset.UnixEpoch },
            new StepSucceeded { Timestamp = DateTimeOffset.UnixEpoch, StepId = "a", Attempt = 1, Output = huge },
        ];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("run-huge", 0, events));

        Assert.Contains("Event 1 (StepSucceeded) of run 'run-huge'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadAsync("run-huge"));
    }

    [Fact]
    public async Task A_writer_that_remembers_an_end_another_writer_has_moved_conflicts_and_then_appends_at_the_real_end()
    {
        // Two hosts: each store remembers the last row it wrote or read, and must not trust it once another host wrote.
        var first = CreateStore();
        var second = CreateStore();
        await first.AppendAsync("run-moved", 0, Dispatches("first", 2).ToList());
        Assert.Equal(2, (await second.ReadAsync("run-moved")).Count);
        await second.AppendAsync("run-moved", 2, Dispatches("second", 2).ToList());

        await Assert.ThrowsAsync<RunHistoryConflictException>(() => first.AppendAsync("run-moved", 2, Dispatches("stale", 1).ToList()));
        await first.AppendAsync("run-moved", 4, Dispatches("again", 1).ToList());

        AssertSameEvents(
            [.. Dispatches("first", 2), .. Dispatches("second", 2), .. Dispatches("again", 1)],
            await CreateStore().ReadAsync("run-moved"));
    }

    // A store per use: writers on different hosts share nothing but the table.
    private AzureTableRunHistoryStore CreateStore() => new(_options, NullLogger<AzureTableRunHistoryStore>.Instance);
}
