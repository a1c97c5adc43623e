using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Storage;

/// <summary>What every <see cref="IInstanceStore"/> must do; each store's test class derives from this.</summary>
public abstract class InstanceStoreContract
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>The store under test, empty and of its own.</summary>
    protected abstract IInstanceStore Store { get; }

    [Fact]
    public async Task A_record_reads_back_as_upserted_and_an_upsert_replaces_it()
    {
        var record = Record("team/a#1?x='%'~|", RuntimeStatus.Running, Start);
        await Store.UpsertAsync(record);
        Assert.Equal(record, await Store.GetAsync(record.InstanceId));

        var finished = record with { RuntimeStatus = RuntimeStatus.Completed, LastUpdatedTime = Start.AddMinutes(3) };
        await Store.UpsertAsync(finished);

        Assert.Equal(finished, await Store.GetAsync(record.InstanceId));
        Assert.Null(await Store.GetAsync("team/a#1"));
    }

    [Fact]
    public async Task A_time_with_an_offset_reads_back_as_the_same_instant()
    {
        var record = Record("run-1", RuntimeStatus.Pending, new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(2)));
        await Store.UpsertAsync(record);

        var read = await Store.GetAsync("run-1");

        Assert.Equal(record.CreatedTime.UtcDateTime, read!.CreatedTime.UtcDateTime);
    }

    [Fact]
    public async Task Delete_removes_the_record_and_reports_whether_there_was_one()
    {
        await Store.UpsertAsync(Record("run-gone", RuntimeStatus.Failed, Start));
        await Store.UpsertAsync(Record("run-kept", RuntimeStatus.Failed, Start));

        Assert.True(await Store.DeleteAsync("run-gone"));

        Assert.Null(await Store.GetAsync("run-gone"));
        Assert.False(await Store.DeleteAsync("run-gone"));
        Assert.NotNull(await Store.GetAsync("run-kept"));
        Assert.Equal(["run-kept"], await AllIdsAsync(new InstanceQuery()));
    }

    [Fact]
    public async Task A_query_by_status_returns_the_runs_with_any_of_those_statuses_ordered_by_id()
    {
        var statuses = Enum.GetValues<RuntimeStatus>();
        for (var i = 0; i < 21; i++)
        {
            await Store.UpsertAsync(Record($"run-{20 - i:D2}", statuses[i % statuses.Length], Start));
        }

        var ids = await AllIdsAsync(new InstanceQuery { RuntimeStatuses = [RuntimeStatus.Running, RuntimeStatus.Suspended] });

        Assert.Equal(["run-00", "run-05", "run-07", "run-12", "run-14", "run-19"], ids);
    }

    [Fact]
    public async Task A_query_by_creation_time_includes_both_bounds()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.UpsertAsync(Record($"run-{i}", RuntimeStatus.Completed, Start.AddMinutes(i)));
        }

        Assert.Equal(["run-2", "run-3", "run-4", "run-5"],
            await AllIdsAsync(new InstanceQuery { CreatedTimeFrom = Start.AddMinutes(2), CreatedTimeTo = Start.AddMinutes(5) }));
        Assert.Equal(["run-8", "run-9"], await AllIdsAsync(new InstanceQuery { CreatedTimeFrom = Start.AddMinutes(8) }));
        Assert.Equal(["run-0"], await AllIdsAsync(new InstanceQuery { CreatedTimeTo = Start.AddTicks(1) }));
        Assert.Empty(await AllIdsAsync(new InstanceQuery { CreatedTimeTo = Start.AddTicks(-1) }));
    }

    [Fact]
    public async Task A_query_by_prefix_returns_only_the_ids_that_start_with_it()
    {
        foreach (var id in new[] { "alph", "alpha-1", "alpha-2", "alphabet", "alpi", "beta", "team/a", "team/b", "team0", "team.x" })
        {
            await Store.UpsertAsync(Record(id, RuntimeStatus.Running, Start));
        }

        Assert.Equal(["alpha-1", "alpha-2", "alphabet"], await AllIdsAsync(new InstanceQuery { InstanceIdPrefix = "alpha" }));
        Assert.Equal(["team/a", "team/b"], await AllIdsAsync(new InstanceQuery { InstanceIdPrefix = "team/" }));
        Assert.Empty(await AllIdsAsync(new InstanceQuery { InstanceIdPrefix = "gamma" }));
    }

    [Fact]
    public async Task Filters_combine()
    {
        await Store.UpsertAsync(Record("a-1", RuntimeStatus.Running, Start));
        await Store.UpsertAsync(Record("a-2", RuntimeStatus.Failed, Start));
        await Store.UpsertAsync(Record("a-3", RuntimeStatus.Running, Start.AddHours(1)));
        await Store.UpsertAsync(Record("b-1", RuntimeStatus.Running, Start));

        var ids = await AllIdsAsync(new InstanceQuery
        {
            RuntimeStatuses = [RuntimeStatus.Running],
            CreatedTimeTo = Start.AddMinutes(1),
            InstanceIdPrefix = "a-",
        });

        Assert.Equal(["a-1"], ids);
    }

    [Fact]
    public async Task Paging_with_top_and_continuation_visits_every_record_once_in_id_order()
    {
        var ids = Enumerable.Range(0, 250).Select(i => $"run-{i:D3}").ToList();
        await Parallel.ForEachAsync(
            ids.OrderBy(id => id.GetHashCode(StringComparison.Ordinal)),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, cancellationToken) => await Store.UpsertAsync(
                Record(id, int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? RuntimeStatus.Failed : RuntimeStatus.Completed, Start),
                cancellationToken));

        var pages = await PagesAsync(new InstanceQuery { Top = 40 });
        Assert.All(pages, page => Assert.InRange(page.Count, 0, 40));
        Assert.Equal(40, pages[0].Count);
        Assert.Equal(ids, pages.SelectMany(p => p));

        var failed = await PagesAsync(new InstanceQuery { Top = 40, RuntimeStatuses = [RuntimeStatus.Failed] });
        Assert.All(failed, page => Assert.InRange(page.Count, 0, 40));
        Assert.Equal(ids.Where((_, i) => i % 3 == 0), failed.SelectMany(p => p));
    }

    [Fact]
    public async Task The_last_page_has_no_continuation_token()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.UpsertAsync(Record($"run-{i}", RuntimeStatus.Running, Start));
        }

        var first = await Store.QueryAsync(new InstanceQuery { Top = 3 });
        var last = await Store.QueryAsync(new InstanceQuery { Top = 3, ContinuationToken = first.ContinuationToken });

        Assert.Equal(["run-0", "run-1", "run-2"], first.Instances.Select(r => r.InstanceId));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["run-3", "run-4"], last.Instances.Select(r => r.InstanceId));
        Assert.Null(last.ContinuationToken);
    }

    private static InstanceRecord Record(string instanceId, RuntimeStatus status, DateTimeOffset created) => new()
    {
        InstanceId = instanceId,
        Name = "Report for " + instanceId,
        RuntimeStatus = status,
        CreatedTime = created,
        LastUpdatedTime = created.AddSeconds(30),
    };

    private async Task<List<string>> AllIdsAsync(InstanceQuery query) => [.. (await PagesAsync(query)).SelectMany(p => p)];

    /// <summary>Every page of the query's answer, following continuation tokens to the end (with a bound, so a loop fails).</summary>
    private async Task<List<List<string>>> PagesAsync(InstanceQuery query)
    {
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            Assert.True(pages.Count < 100, "The continuation tokens did not come to an end.");
            var page = await Store.QueryAsync(query with { ContinuationToken = token });
            pages.Add([.. page.Instances.Select(r => r.InstanceId)]);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return pages;
    }
}
