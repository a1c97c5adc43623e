using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableReminderTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTime StartAt = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);

    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();
    private readonly string _serviceId = "planfunctions-" + Guid.NewGuid().ToString("N");
    private AzureTableReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = CreateTable(_serviceId);
        await _table.Init();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_etag()
    {
        var grainId = NewGrainId();
        var etag = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));

        var read = await _table.ReadRow(grainId, "keep-alive");

        Assert.NotNull(read);
        Assert.Equal(grainId, read.GrainId);
        Assert.Equal("keep-alive", read.ReminderName);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(1), read.Period);
        Assert.NotNull(etag);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Reading_a_reminder_that_does_not_exist_gives_null()
    {
        Assert.Null(await _table.ReadRow(NewGrainId(), "nothing"));
    }

    [Fact]
    public async Task Upserting_again_overwrites_the_reminder_and_changes_its_etag()
    {
        var grainId = NewGrainId();
        var first = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));

        var second = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(5)));
        var read = await _table.ReadRow(grainId, "keep-alive");

        Assert.NotEqual(first, second);
        Assert.NotNull(read);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal(second, read.ETag);
        Assert.Single((await _table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task Reading_by_grain_gives_that_grains_reminders_only()
    {
        var grainId = NewGrainId();
        var other = NewGrainId();
        await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(grainId, "step/timeout#1", TimeSpan.FromMinutes(2)));
        await _table.UpsertRow(Entry(other, "keep-alive", TimeSpan.FromMinutes(3)));

        var rows = await _table.ReadRows(grainId);

        Assert.Equal(["keep-alive", "step/timeout#1"], rows.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows.Reminders, r => Assert.Equal(grainId, r.GrainId));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_reminder()
    {
        var grainId = NewGrainId();
        var stale = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));
        var current = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(2)));

        var removedWithStale = await _table.RemoveRow(grainId, "keep-alive", stale!);
        var stillThere = await _table.ReadRow(grainId, "keep-alive");
        var removedWithCurrent = await _table.RemoveRow(grainId, "keep-alive", current!);
        var gone = await _table.ReadRow(grainId, "keep-alive");

        Assert.False(removedWithStale);
        Assert.NotNull(stillThere);
        Assert.True(removedWithCurrent);
        Assert.Null(gone);
    }

    [Fact]
    public async Task Removing_a_reminder_that_does_not_exist_returns_false()
    {
        var grainId = NewGrainId();
        var etag = await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));
        Assert.True(await _table.RemoveRow(grainId, "keep-alive", etag!));

        Assert.False(await _table.RemoveRow(grainId, "keep-alive", etag!));
    }

    [Fact]
    public async Task Ring_ranges_give_the_reminders_whose_grain_hash_is_above_begin_and_at_most_end()
    {
        var hashes = await UpsertManyAsync(24);
        var sorted = hashes.Keys.Order().ToArray();

        // (begin, end] with begin < end, bounds on stored hashes so exclusive and inclusive ends are both tested.
        var begin = sorted[5];
        var end = sorted[15];
        Assert.Equal(Expected(hashes, h => h > begin && h <= end), await ReadRangeAsync(begin, end));
        Assert.Equal(10, (await ReadRangeAsync(begin, end)).Count);

        // The full span of the ring counts too: 0 and uint.MaxValue bounds.
        Assert.Equal(Expected(hashes, h => h > 0), await ReadRangeAsync(0, uint.MaxValue));
    }

    [Fact]
    public async Task A_ring_range_whose_begin_is_above_its_end_wraps_around_zero()
    {
        var hashes = await UpsertManyAsync(24);
        var sorted = hashes.Keys.Order().ToArray();
        var begin = sorted[18];
        var end = sorted[4];

        var rows = await ReadRangeAsync(begin, end);

        Assert.Equal(Expected(hashes, h => h > begin || h <= end), rows);
        Assert.Equal(24 - 18 - 1 + 5, rows.Count);
    }

    [Fact]
    public async Task A_ring_range_whose_begin_equals_its_end_is_the_whole_ring()
    {
        var hashes = await UpsertManyAsync(12);
        var someHash = hashes.Keys.First();

        Assert.Equal(Expected(hashes, _ => true), await ReadRangeAsync(someHash, someHash));
        Assert.Equal(Expected(hashes, _ => true), await ReadRangeAsync(0, 0));
    }

    [Fact]
    public async Task Another_service_in_the_same_task_hub_does_not_see_these_reminders()
    {
        var grainId = NewGrainId();
        await _table.UpsertRow(Entry(grainId, "keep-alive", TimeSpan.FromMinutes(1)));
        // A service id that extends this one: its partition keys must not fall in this service's ranges, nor the reverse.
        var other = CreateTable(_serviceId + "_0");
        await other.UpsertRow(Entry(NewGrainId(), "keep-alive", TimeSpan.FromMinutes(1)));

        Assert.Single((await other.ReadRows(0, 0)).Reminders);
        Assert.Single((await _table.ReadRows(0, 0)).Reminders);
        Assert.Null(await other.ReadRow(grainId, "keep-alive"));
    }

    [Fact]
    public async Task Clearing_the_table_removes_this_services_reminders_only()
    {
        await UpsertManyAsync(3);
        var other = CreateTable("other-" + Guid.NewGuid().ToString("N"));
        await other.UpsertRow(Entry(NewGrainId(), "keep-alive", TimeSpan.FromMinutes(1)));

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, 0)).Reminders);
        Assert.Single((await other.ReadRows(0, 0)).Reminders);
    }

    private AzureTableReminderTable CreateTable(string service) => new(
        _options,
        Options.Create(new ClusterOptions { ClusterId = "tests", ServiceId = service }),
        NullLogger<AzureTableReminderTable>.Instance);

    private async Task<Dictionary<uint, GrainId>> UpsertManyAsync(int count)
    {
        var grains = new Dictionary<uint, GrainId>();
        while (grains.Count < count)
        {
            var grainId = NewGrainId();
            grains.TryAdd(grainId.GetUniformHashCode(), grainId);
        }

        await Task.WhenAll(grains.Values.Select(g => _table.UpsertRow(Entry(g, "keep-alive", TimeSpan.FromMinutes(1)))));
        return grains;
    }

    private async Task<List<GrainId>> ReadRangeAsync(uint begin, uint end) =>
        [.. (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode())];

    private static List<GrainId> Expected(Dictionary<uint, GrainId> grains, Func<uint, bool> inRange) =>
        [.. grains.Where(g => inRange(g.Key)).OrderBy(g => g.Key).Select(g => g.Value)];

    private static ReminderEntry Entry(GrainId grainId, string name, TimeSpan period) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = StartAt,
        Period = period,
    };

    private static GrainId NewGrainId() => GrainId.Create("planorchestrator", Guid.NewGuid().ToString("N"));
}
