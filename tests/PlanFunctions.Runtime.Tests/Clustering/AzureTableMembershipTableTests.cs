using Orleans;
using Orleans.Runtime;
using PlanFunctions.Runtime.Clustering;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;
using static PlanFunctions.Runtime.Tests.Clustering.MembershipEntries;

namespace PlanFunctions.Runtime.Tests.Clustering;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableMembershipTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();
    private readonly string _clusterId = NewClusterId();
    private AzureTableMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = Table(_options, _clusterId);
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_table_starts_at_version_zero_and_concurrent_inits_do_not_reset_a_later_version()
    {
        var fresh = await _table.ReadAll();
        Assert.Equal(0, fresh.Version.Version);
        Assert.Empty(fresh.Members);
        Assert.True(await _table.InsertRow(Entry(NewSilo()), fresh.Version.Next()));

        var others = Enumerable.Range(0, 4).Select(_ => Table(_options, _clusterId)).ToList();
        await Task.WhenAll(others.Select(o => o.InitializeMembershipTable(tryInitTableVersion: true)));

        var after = await _table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task Concurrent_first_inits_create_one_version_row()
    {
        var cluster = NewClusterId();
        var tables = Enumerable.Range(0, 4).Select(_ => Table(_options, cluster)).ToList();

        await Task.WhenAll(tables.Select(t => t.InitializeMembershipTable(tryInitTableVersion: true)));

        var versions = await Task.WhenAll(tables.Select(t => t.ReadAll()));
        Assert.All(versions, v => Assert.Equal(versions[0].Version, v.Version));
        Assert.Equal(0, versions[0].Version.Version);
    }

    [Fact]
    public async Task An_insert_with_the_current_version_adds_the_row_and_moves_the_version_on()
    {
        var before = await _table.ReadAll();
        var silo = NewSilo();

        Assert.True(await _table.InsertRow(Entry(silo), before.Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        var (entry, etag) = Assert.Single(after.Members);
        Assert.Equal(silo, entry.SiloAddress);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Of_two_concurrent_inserts_based_on_the_same_version_exactly_one_succeeds()
    {
        var version = (await _table.ReadAll()).Version.Next();
        var first = NewSilo();
        var second = NewSilo();

        var results = await Task.WhenAll(
            Table(_options, _clusterId).InsertRow(Entry(first), version),
            Table(_options, _clusterId).InsertRow(Entry(second), version));

        Assert.Single(results, inserted => inserted);
        var after = await _table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        var (winner, _) = Assert.Single(after.Members);
        Assert.Equal(results[0] ? first : second, winner.SiloAddress);
    }

    [Fact]
    public async Task Inserting_a_silo_that_already_has_a_row_fails_and_leaves_the_version()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo), (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();

        Assert.False(await _table.InsertRow(Entry(silo, SiloStatus.Active), before.Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task An_insert_with_a_stale_version_etag_fails_and_adds_nothing()
    {
        var stale = (await _table.ReadAll()).Version;
        Assert.True(await _table.InsertRow(Entry(NewSilo()), stale.Next()));
        var late = NewSilo();

        Assert.False(await _table.InsertRow(Entry(late), new TableVersion(stale.Version + 2, stale.VersionEtag)));

        var after = await _table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        Assert.Null(after.TryGet(late));
    }

    [Fact]
    public async Task An_update_with_the_current_etags_replaces_the_entry_and_moves_the_version_on()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo), (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadRow(silo);
        var (_, etag) = Assert.Single(read.Members);

        Assert.True(await _table.UpdateRow(Entry(silo, SiloStatus.Active), etag, read.Version.Next()));

        var after = await _table.ReadRow(silo);
        Assert.Equal(2, after.Version.Version);
        var (entry, newEtag) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.NotEqual(etag, newEtag);
    }

    [Fact]
    public async Task An_update_with_a_stale_row_etag_fails_and_changes_nothing()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo), (await _table.ReadAll()).Version.Next()));
        var first = await _table.ReadRow(silo);
        var staleEtag = Assert.Single(first.Members).Item2;
        Assert.True(await _table.UpdateRow(Entry(silo, SiloStatus.Active), staleEtag, first.Version.Next()));
        var current = await _table.ReadRow(silo);

        // The version etag is current; only the row etag is stale.
        Assert.False(await _table.UpdateRow(Entry(silo, SiloStatus.Dead), staleEtag, current.Version.Next()));

        var after = await _table.ReadRow(silo);
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task An_update_with_a_stale_version_etag_fails_and_changes_nothing()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo), (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadRow(silo);
        var rowEtag = Assert.Single(read.Members).Item2;
        // Another silo joins: the version moves on, this silo's row does not change.
        Assert.True(await _table.InsertRow(Entry(NewSilo()), read.Version.Next()));

        Assert.False(await _table.UpdateRow(Entry(silo, SiloStatus.Active), rowEtag, read.Version.Next()));

        var after = await _table.ReadRow(silo);
        Assert.Equal(2, after.Version.Version);
        var (entry, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.Equal(rowEtag, etagAfter);
    }

    [Fact]
    public async Task Updating_a_silo_without_a_row_fails()
    {
        var version = (await _table.ReadAll()).Version;

        Assert.False(await _table.UpdateRow(Entry(NewSilo(), SiloStatus.Active), "any-etag", version.Next()));

        Assert.Equal(version, (await _table.ReadAll()).Version);
    }

    [Fact]
    public async Task Read_all_gives_every_entry_with_all_its_fields_and_the_version_written_with_them()
    {
        var first = NewSilo();
        var second = NewSilo();
        var suspected = Entry(second, SiloStatus.Active, proxyPort: 0);
        suspected.SuspectTimes = [Tuple.Create(first, StartTime.AddMinutes(3)), Tuple.Create(NewSilo(), StartTime.AddMinutes(4))];
        suspected.IAmAliveTime = StartTime.AddMinutes(2);
        Assert.True(await _table.InsertRow(Entry(first, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(suspected, (await _table.ReadAll()).Version.Next()));

        var all = await _table.ReadAll();

        Assert.Equal(2, all.Version.Version);
        Assert.Equal(2, all.Members.Count);
        var read = all.TryGet(second)?.Item1;
        Assert.NotNull(read);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(0, read.ProxyPort);
        Assert.Equal(suspected.HostName, read.HostName);
        Assert.Equal(suspected.SiloName, read.SiloName);
        Assert.Equal("planfunctions", read.RoleName);
        Assert.Equal(1, read.UpdateZone);
        Assert.Equal(2, read.FaultZone);
        Assert.Equal(StartTime, read.StartTime);
        Assert.Equal(StartTime.AddMinutes(2), read.IAmAliveTime);
        Assert.Equal(suspected.SuspectTimes, read.SuspectTimes);
        Assert.All(read.SuspectTimes!, vote => Assert.Equal(DateTimeKind.Utc, vote.Item2.Kind));
        Assert.Equal(30000, all.TryGet(first)?.Item1.ProxyPort);
    }

    [Fact]
    public async Task Read_row_gives_that_silo_and_the_table_version()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo), (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(Entry(NewSilo()), (await _table.ReadAll()).Version.Next()));

        var read = await _table.ReadRow(silo);
        var missing = await _table.ReadRow(NewSilo());

        Assert.Equal(silo, Assert.Single(read.Members).Item1.SiloAddress);
        Assert.Equal(2, read.Version.Version);
        Assert.Empty(missing.Members);
        Assert.Equal(read.Version, missing.Version);
    }

    [Fact]
    public async Task A_heartbeat_changes_only_the_alive_time_and_leaves_the_version_and_the_row_etag_usable()
    {
        var silo = NewSilo();
        Assert.True(await _table.InsertRow(Entry(silo, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadRow(silo);
        var (entry, etag) = Assert.Single(before.Members);
        entry.IAmAliveTime = StartTime.AddMinutes(10);
        entry.Status = SiloStatus.Dead; // a heartbeat writes nothing but its time

        await _table.UpdateIAmAlive(entry);

        var after = await _table.ReadRow(silo);
        Assert.Equal(before.Version, after.Version);
        var (read, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(StartTime.AddMinutes(10), read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(etag, etagAfter);

        // The etags read before the heartbeat still serve an update, which keeps the newer heartbeat.
        Assert.True(await _table.UpdateRow(Entry(silo, SiloStatus.ShuttingDown), etag, before.Version.Next()));
        var updated = Assert.Single((await _table.ReadRow(silo)).Members).Item1;
        Assert.Equal(SiloStatus.ShuttingDown, updated.Status);
        Assert.Equal(StartTime.AddMinutes(10), updated.IAmAliveTime);
    }

    [Fact]
    public async Task A_heartbeat_of_a_silo_without_a_row_is_an_error_naming_it()
    {
        var silo = NewSilo();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _table.UpdateIAmAlive(Entry(silo)));

        Assert.Contains(silo.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_removes_dead_entries_last_updated_before_the_date_and_keeps_the_rest()
    {
        var cutoff = StartTime.AddHours(1);
        var longDead = Entry(NewSilo(), SiloStatus.Dead);
        var recentlyDead = Entry(NewSilo(), SiloStatus.Dead);
        recentlyDead.IAmAliveTime = cutoff.AddMinutes(1);
        var declaredDeadRecently = Entry(NewSilo(), SiloStatus.Dead);
        declaredDeadRecently.SuspectTimes = [Tuple.Create(NewSilo(), cutoff.AddMinutes(5))];
        var quietButActive = Entry(NewSilo(), SiloStatus.Active);
        foreach (var entry in new[] { longDead, recentlyDead, declaredDeadRecently, quietButActive })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var before = await _table.ReadAll();

        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(cutoff));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(
            new[] { recentlyDead, declaredDeadRecently, quietButActive }.Select(e => e.SiloAddress).Order(),
            after.Members.Select(m => m.Item1.SiloAddress).Order());
    }

    [Fact]
    public async Task Deleting_a_clusters_entries_leaves_other_clusters_alone()
    {
        Assert.True(await _table.InsertRow(Entry(NewSilo()), (await _table.ReadAll()).Version.Next()));
        var other = Table(_options, _clusterId + "-other");
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        var otherSilo = NewSilo();
        Assert.True(await other.InsertRow(Entry(otherSilo), (await other.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries(_clusterId);

        var gone = await _table.ReadAll();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        var kept = await other.ReadAll();
        Assert.Equal(otherSilo, Assert.Single(kept.Members).Item1.SiloAddress);
        Assert.Equal(1, kept.Version.Version);
    }

    [Fact]
    public async Task After_its_entries_are_deleted_a_cluster_starts_again_from_version_zero()
    {
        Assert.True(await _table.InsertRow(Entry(NewSilo()), (await _table.ReadAll()).Version.Next()));
        await _table.DeleteMembershipTableEntries(_clusterId);

        await _table.InitializeMembershipTable(tryInitTableVersion: true);

        var fresh = await _table.ReadAll();
        Assert.Equal(0, fresh.Version.Version);
        Assert.True(await _table.InsertRow(Entry(NewSilo()), fresh.Version.Next()));
    }

    [Fact]
    public async Task Cluster_ids_with_characters_table_keys_forbid_work()
    {
        var awkward = Table(_options, "tenant/a#1?x\\y'%");
        await awkward.InitializeMembershipTable(tryInitTableVersion: true);
        var silo = NewSilo();

        Assert.True(await awkward.InsertRow(Entry(silo), (await awkward.ReadAll()).Version.Next()));

        Assert.Equal(silo, Assert.Single((await awkward.ReadAll()).Members).Item1.SiloAddress);
        Assert.Empty((await _table.ReadAll()).Members);
    }

    [Fact]
    public void The_table_is_named_after_the_task_hub()
    {
        Assert.Equal(_options.TaskHubName + "Membership", _table.TableName);
    }
}
