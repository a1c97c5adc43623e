using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Tests.Entities;

/// <summary>
/// A statistics shard counts every run once however many reports arrive together, and acknowledges a report only once
/// a write holding it is stored.
/// </summary>
public sealed class ExecutionStatisticsGrainTests
{
    private const string StateName = "statistics";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Concurrent_reports_are_each_counted_once_and_stored_in_fewer_writes_than_reports()
    {
        var storage = new ControlledGrainStorage();
        await using var engine = await StartAsync(storage);
        var shard = engine.Cluster.Client.GetGrain<IExecutionStatisticsGrain>(7);
        var ids = Enumerable.Range(0, 200).Select(i => $"run-{i:000}").ToList();
        RuntimeStatus[] statuses = [RuntimeStatus.Completed, RuntimeStatus.Failed, RuntimeStatus.Canceled, RuntimeStatus.Terminated];
        var ended = ids.Select((id, i) => new RunEndedReport
        {
            InstanceId = id,
            RuntimeStatus = statuses[i % 4],
            DurationSeconds = i * 0.25,
            Tools = i % 2 == 0
                ? new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1, Retries = 2 } }
                : new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1, Failures = 1 }, ["Summarize"] = new() { Steps = 1, Timeouts = 1 } },
        }).ToList();

        // Every report is sent twice, all at once: a repeated report must not count again.
        await Task.WhenAll(ids.Concat(ids).Select(shard.RunStartedAsync)).WaitAsync(Soon);
        var started = await shard.GetAsync();
        Assert.Equal((200, 200), (started.TotalPlans, started.ActiveExecutions));

        await Task.WhenAll(ended.Concat(ended).Select(shard.RunEndedAsync)).WaitAsync(Soon);
        var expected = new ExecutionStatistics
        {
            TotalPlans = 200,
            CompletedPlans = 50,
            FailedPlans = 50,
            CancelledPlans = 50,
            TerminatedPlans = 50,
            TotalDurationSeconds = ended.Sum(r => r.DurationSeconds),
            Tools = new Dictionary<string, ToolStatistics>
            {
                ["http"] = new() { Steps = 200, Retries = 200, Failures = 100 },
                ["Summarize"] = new() { Steps = 100, Timeouts = 100 },
            },
        };
        StatisticsAssert.Equal(expected, await shard.GetAsync());

        var grainId = shard.GetGrainId();
        Assert.InRange(storage.Writes(grainId), 1, ids.Count + ended.Count - 1);

        var stored = await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId);
        Assert.Empty(stored.Active);
        StatisticsAssert.Equal(expected, stored.Counters);

        // A new activation reads the same counts back from storage.
        await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(async () =>
        {
            await shard.GetAsync();
            return storage.Reads(grainId) == 2;
        }, Soon, "the shard was not activated again");
        StatisticsAssert.Equal(expected, await shard.GetAsync());
    }

    [Fact]
    public async Task A_report_returns_only_once_a_write_holding_it_is_stored_and_reports_during_a_write_share_the_next()
    {
        var storage = new ControlledGrainStorage();
        await using var engine = await StartAsync(storage);
        var shard = engine.Cluster.Client.GetGrain<IExecutionStatisticsGrain>(11);
        var grainId = shard.GetGrainId();

        storage.Hold();
        var first = shard.RunStartedAsync("a");
        await Eventually.TrueAsync(() => storage.HeldWrites == 1, Soon, "the shard did not write");
        Assert.False(await CompletesWithinAsync(first), "the report returned while its write was held");
        Assert.Empty((await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId)).Active);

        // Reports that arrive during a write are not in it: they wait for the next one.
        var second = shard.RunStartedAsync("b");
        var third = shard.RunStartedAsync("c");
        await Eventually.TrueAsync(async () => (await shard.GetAsync()).TotalPlans == 3, Soon, "the shard did not take in the reports sent during the write");
        storage.ReleaseHeld();
        await first.WaitAsync(Soon);
        await Eventually.TrueAsync(() => storage.HeldWrites == 2, Soon, "the shard did not write the reports that arrived during its write");
        Assert.False(await CompletesWithinAsync(Task.WhenAny(second, third)), "a report returned with a write that did not hold it");
        Assert.Equal(["a"], (await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId)).Active);

        storage.Release();
        await Task.WhenAll(second, third).WaitAsync(Soon);
        var stored = await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId);
        Assert.Equal(["a", "b", "c"], stored.Active.Order());
        Assert.Equal(3, stored.Counters.TotalPlans);
        Assert.Equal(2, storage.Writes(grainId));
    }

    [Fact]
    public async Task A_failed_write_fails_its_reports_and_their_repetition_stores_them_once()
    {
        var storage = new ControlledGrainStorage();
        await using var engine = await StartAsync(storage);
        var shard = engine.Cluster.Client.GetGrain<IExecutionStatisticsGrain>(13);
        var grainId = shard.GetGrainId();
        await shard.RunStartedAsync("a");
        var aEnded = new RunEndedReport
        {
            InstanceId = "a",
            RuntimeStatus = RuntimeStatus.Completed,
            DurationSeconds = 1.5,
            Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1 } },
        };

        // b's write is under way; c and a's end go into the next write, which storage refuses.
        storage.Hold();
        var b = shard.RunStartedAsync("b");
        await Eventually.TrueAsync(() => storage.HeldWrites == 1, Soon, "the shard did not write");
        var c = shard.RunStartedAsync("c");
        var ending = shard.RunEndedAsync(aEnded);
        await Eventually.TrueAsync(async () => (await shard.GetAsync()) is { TotalPlans: 3, CompletedPlans: 1 }, Soon, "the shard did not take in the reports");
        storage.RefuseWrites(true);
        storage.Release();

        await b.WaitAsync(Soon);
        await AssertFailsWithStorageAsync(c);
        await AssertFailsWithStorageAsync(ending);
        var stored = await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId);
        Assert.Equal(["a", "b"], stored.Active.Order());
        Assert.Equal((2, 0), (stored.Counters.TotalPlans, stored.Counters.CompletedPlans));

        // The storage recovers; the callers repeat what failed.
        storage.RefuseWrites(false);
        await shard.RunStartedAsync("c").WaitAsync(Soon);
        await shard.RunEndedAsync(aEnded).WaitAsync(Soon);

        var expected = new ExecutionStatistics
        {
            TotalPlans = 3,
            CompletedPlans = 1,
            TotalDurationSeconds = 1.5,
            Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1 } },
        };
        StatisticsAssert.Equal(expected with { ActiveExecutions = 2 }, await shard.GetAsync());
        stored = await storage.ReadStoredAsync<StatisticsShardState>(StateName, grainId);
        Assert.Equal(["b", "c"], stored.Active.Order());
        StatisticsAssert.Equal(expected, stored.Counters);
    }

    [Fact]
    public async Task A_rewound_run_is_taken_off_its_counted_end_once_however_often_reported_and_counts_once_as_it_ends_again()
    {
        var storage = new ControlledGrainStorage();
        await using var engine = await StartAsync(storage);
        var shard = engine.Cluster.Client.GetGrain<IExecutionStatisticsGrain>(17);
        var failed = new RunEndedReport
        {
            InstanceId = "rewound",
            RuntimeStatus = RuntimeStatus.Failed,
            DurationSeconds = 10,
            Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1, Failures = 1 } },
        };
        await shard.RunStartedAsync("rewound").WaitAsync(Soon);
        await shard.RunEndedAsync(failed).WaitAsync(Soon);

        // A rewind reported twice (a host died between the two) takes the end back once; a start reported after it adds nothing.
        await Task.WhenAll(shard.RunRewoundAsync(failed), shard.RunRewoundAsync(failed)).WaitAsync(Soon);
        await shard.RunStartedAsync("rewound").WaitAsync(Soon);
        StatisticsAssert.Equal(
            new ExecutionStatistics { ActiveExecutions = 1, TotalPlans = 1, Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() } },
            await shard.GetAsync());

        await shard.RunEndedAsync(failed with
        {
            RuntimeStatus = RuntimeStatus.Completed,
            DurationSeconds = 70,
            Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1, Retries = 1 } },
        }).WaitAsync(Soon);

        StatisticsAssert.Equal(
            new ExecutionStatistics
            {
                TotalPlans = 1,
                CompletedPlans = 1,
                TotalDurationSeconds = 70,
                Tools = new Dictionary<string, ToolStatistics> { ["http"] = new() { Steps = 1, Retries = 1 } },
            },
            await shard.GetAsync());
    }

    private static Task<EngineCluster> StartAsync(ControlledGrainStorage storage) =>
        EngineCluster.StartAsync(storage: silo =>
        {
            silo.Services.AddSingleton<IRunHistoryStore>(new InMemoryRunHistoryStore());
            silo.Services.AddSingleton<IInstanceStore>(new InMemoryInstanceStore());
            storage.AddTo(silo);
        });

    private static async Task AssertFailsWithStorageAsync(Task report)
    {
        var failure = await Record.ExceptionAsync(() => report.WaitAsync(Soon));
        Assert.NotNull(failure);
        Assert.Contains("The grain storage is unavailable (injected).", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A negative check: gives a wrong early completion half a second to show (this waits for nothing that should happen).
    /// </summary>
    private static async Task<bool> CompletesWithinAsync(Task task) =>
        await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(500))) == task;
}
