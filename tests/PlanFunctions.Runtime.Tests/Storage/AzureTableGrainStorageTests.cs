using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite)
{
    private const string StateName = "run";

    private static readonly IActivatorProvider Activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();

    [Fact]
    public async Task Reading_state_never_written_gives_an_empty_state_and_no_record()
    {
        var storage = CreateStorage();
        var state = new Holder();

        await storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Empty(state.State.Events);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var written = new Holder(new RunRecord { InstanceId = "run-1", Events = ["RunStarted", "StepDispatched"] });

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("run-1", read.State.InstanceId);
        Assert.Equal(["RunStarted", "StepDispatched"], read.State.Events);
    }

    [Fact]
    public async Task Rewriting_with_the_current_etag_replaces_the_state()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = new Holder(new RunRecord { InstanceId = "run-1", Events = ["RunStarted"] });
        await storage.WriteStateAsync(StateName, grainId, state);
        var firstETag = state.ETag;

        state.State.Events.Add("RunCompleted");
        await storage.WriteStateAsync(StateName, grainId, state);
        var read = new Holder();
        await storage.ReadStateAsync(StateName, grainId, read);

        Assert.NotEqual(firstETag, state.ETag);
        Assert.Equal(["RunStarted", "RunCompleted"], read.State.Events);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_raises_InconsistentStateException_with_both_etags()
    {
        var grainId = NewGrainId();
        var first = new Holder(new RunRecord { InstanceId = "first" });
        await CreateStorage().WriteStateAsync(StateName, grainId, first);
        var stale = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, stale);
        var staleETag = stale.ETag;
        first.State.InstanceId = "first, again";
        await CreateStorage().WriteStateAsync(StateName, grainId, first);

        stale.State.InstanceId = "stale";
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(staleETag, error.CurrentEtag);
        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Contains(StateName, error.Message, StringComparison.Ordinal);
        Assert.Contains(grainId.ToString(), error.Message, StringComparison.Ordinal);
        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);
        Assert.Equal("first, again", read.State.InstanceId);
    }

    [Fact]
    public async Task Inserting_where_another_activation_already_wrote_raises_InconsistentStateException()
    {
        var grainId = NewGrainId();
        var other = new Holder(new RunRecord { InstanceId = "other" });
        await CreateStorage().WriteStateAsync(StateName, grainId, other);

        var unaware = new Holder(new RunRecord { InstanceId = "unaware" });
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().WriteStateAsync(StateName, grainId, unaware));

        Assert.Null(error.CurrentEtag);
        Assert.Equal(other.ETag, error.StoredEtag);
    }

    [Fact]
    public async Task Of_two_writers_racing_from_the_same_etag_exactly_one_wins()
    {
        var grainId = NewGrainId();
        var initial = new Holder(new RunRecord { InstanceId = "initial" });
        await CreateStorage().WriteStateAsync(StateName, grainId, initial);
        var writers = Enumerable.Range(0, 2)
            .Select(i => new Holder(new RunRecord { InstanceId = $"writer-{i}" }) { ETag = initial.ETag, RecordExists = true })
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await CreateStorage().WriteStateAsync(StateName, grainId, writer);
                return writer.State.InstanceId;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);
        Assert.Equal(winner, read.State.InstanceId);
    }

    [Theory]
    [InlineData(300 * 1024)]
    [InlineData(1_000_000)]
    public async Task State_larger_than_one_property_is_split_and_reads_back_whole(int approximateBytes)
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        // Distinct, ordered events of 17 JSON bytes each ("event-00000000",): a chunk out of place or read twice would show.
        var events = Enumerable.Range(0, approximateBytes / 17).Select(i => $"event-{i:D8}").ToList();
        var written = new Holder(new RunRecord { InstanceId = "big", Events = events });

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);

        Assert.Equal(events, read.State.Events);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task State_past_one_MiB_is_refused_with_the_grain_the_state_and_the_size()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = new Holder(new RunRecord { InstanceId = new string('x', 1_100_000) });

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal(grainId.ToString(), error.GrainId);
        Assert.Equal(StateName, error.StateName);
        Assert.True(error.SizeBytes > 1_100_000);
        Assert.Contains(grainId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{StateName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.SizeBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        var read = new Holder();
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Cleared_state_reads_as_never_written()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = new Holder(new RunRecord { InstanceId = "to clear", Events = ["RunStarted"] });
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);
        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State.Events);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_raises_InconsistentStateException_and_keeps_the_newer_state()
    {
        var grainId = NewGrainId();
        var state = new Holder(new RunRecord { InstanceId = "v1" });
        await CreateStorage().WriteStateAsync(StateName, grainId, state);
        var stale = new Holder(new RunRecord()) { ETag = state.ETag, RecordExists = true };
        state.State.InstanceId = "v2";
        await CreateStorage().WriteStateAsync(StateName, grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().ClearStateAsync(StateName, grainId, stale));

        var read = new Holder();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);
        Assert.Equal("v2", read.State.InstanceId);
    }

    [Fact]
    public async Task State_can_be_written_again_after_it_was_cleared()
    {
        var storage = CreateStorage();
        var grainId = NewGrainId();
        var state = new Holder(new RunRecord { InstanceId = "v1" });
        await storage.WriteStateAsync(StateName, grainId, state);
        await storage.ClearStateAsync(StateName, grainId, state);

        state.State.InstanceId = "v2";
        await storage.WriteStateAsync(StateName, grainId, state);
        var read = new Holder();
        await storage.ReadStateAsync(StateName, grainId, read);

        Assert.Equal("v2", read.State.InstanceId);
    }

    [Fact]
    public async Task Grain_ids_and_state_names_with_characters_tables_forbid_are_kept_apart()
    {
        var storage = CreateStorage();
        var awkward = GrainId.Create("planorchestrator", "run/1#a?b\\c'd%e~0041|g\t" + Guid.NewGuid());
        var lookalike = GrainId.Create("planorchestrator", "run/1#a?b\\c'd%eA|g\t" + Guid.NewGuid());
        var first = new Holder(new RunRecord { InstanceId = "awkward" });
        var second = new Holder(new RunRecord { InstanceId = "awkward, other state" });

        await storage.WriteStateAsync("state/#?", awkward, first);
        await storage.WriteStateAsync("state/#?~", awkward, second);
        var read = new Holder();
        await storage.ReadStateAsync("state/#?", awkward, read);
        var missing = new Holder();
        await storage.ReadStateAsync("state/#?", lookalike, missing);

        Assert.Equal("awkward", read.State.InstanceId);
        Assert.False(missing.RecordExists);
    }

    [Fact]
    public async Task A_very_long_grain_id_is_stored_under_a_shortened_key()
    {
        var storage = CreateStorage();
        var longKey = new string('k', 2000);
        var grainId = GrainId.Create("planorchestrator", longKey + "-a");
        var sibling = GrainId.Create("planorchestrator", longKey + "-b");
        await storage.WriteStateAsync(StateName, grainId, new Holder(new RunRecord { InstanceId = "long" }));

        var read = new Holder();
        await storage.ReadStateAsync(StateName, grainId, read);
        var siblingRead = new Holder();
        await storage.ReadStateAsync(StateName, sibling, siblingRead);

        Assert.Equal("long", read.State.InstanceId);
        Assert.False(siblingRead.RecordExists);
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_storage_is_created()
    {
        var invalid = new AzureTableStorageOptions { ConnectionString = "", TaskHubName = "9 lives" };

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => new AzureTableGrainStorage("plans", invalid, Activators, NullLogger<AzureTableGrainStorage>.Instance));

        Assert.Equal(2, error.Failures.Count());
    }

    private AzureTableGrainStorage CreateStorage() =>
        new("plans", _options, Activators, NullLogger<AzureTableGrainStorage>.Instance);

    private static GrainId NewGrainId() => GrainId.Create("planorchestrator", Guid.NewGuid().ToString("N"));

    /// <summary>The grain's view of its state, as Orleans keeps it between storage calls.</summary>
    private sealed class Holder(RunRecord state) : IGrainState<RunRecord>
    {
        public Holder()
            : this(new RunRecord())
        {
        }

        private RunRecord _state = state;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public RunRecord State
        {
            get => _state;
            set => _state = value ?? new RunRecord();
        }

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    public sealed class RunRecord
    {
        public string InstanceId { get; set; } = "";

        public List<string> Events { get; set; } = [];
    }
}
