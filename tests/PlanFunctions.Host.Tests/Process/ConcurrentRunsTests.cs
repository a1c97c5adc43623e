using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.TestSupport;
using Xunit.Abstractions;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// Many clients at once against one host process on Azure Tables (Azurite): every run started through the API
/// completes, and the statistics count each of them once.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ConcurrentRunsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Runs = 500;
    private const int Clients = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private const string Plan = """
        { "name": "load", "steps": [
            { "id": "first", "tool": "echo", "parameters": { "n": 1 } },
            { "id": "pause", "tool": "delay", "dependsOn": ["first"], "parameters": { "milliseconds": 100 } },
            { "id": "last", "tool": "echo", "dependsOn": ["pause"], "parameters": { "n": 3 } } ] }
        """;

    [Fact]
    public async Task Five_hundred_runs_started_at_once_all_complete_and_the_statistics_add_up()
    {
        var clock = Stopwatch.StartNew();
        var hub = AzuriteFixture.CreateTaskHubName();
        await using var host = await HostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["extensions__durableTask__hubName"] = hub,
                ["PlanFunctions__Silo__ServiceId"] = hub,
            },
            clock);
        try
        {
            var before = await StatisticsAsync(host.Http);
            var started = Stopwatch.StartNew();

            var ids = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, Runs), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (_, _) =>
                ids.Add(await StartIdAsync(host.Http, Plan)));
            output.WriteLine($"{Runs} runs accepted in {started.Elapsed.TotalSeconds:0.0} s by {Clients} clients at once");

            var ended = await WaitForAllToEndAsync(host.Http, [.. ids], Clients, Deadline);
            output.WriteLine($"{Runs} runs ended {started.Elapsed.TotalSeconds:0.0} s after the first start");

            var notCompleted = ended.Where(e => e.Value != "Completed").Select(e => $"{e.Key}: {e.Value}").ToList();
            Assert.True(notCompleted.Count == 0, $"{notCompleted.Count} runs did not complete: {string.Join(", ", notCompleted.Take(10))}");

            // Each run tells the statistics of its end after recording it: wait for the last report to arrive.
            var after = await Eventually.ReturnsAsync(
                async () => await StatisticsAsync(host.Http) is var now && Count(now, "completedPlans") - Count(before, "completedPlans") >= Runs ? now : null,
                TimeSpan.FromSeconds(30),
                "the statistics did not count every completed run");
            output.WriteLine($"statistics before: {before.ToJsonString()}");
            output.WriteLine($"statistics after:  {after.ToJsonString()}");

            Assert.Equal(Runs, Count(after, "totalPlans") - Count(before, "totalPlans"));
            Assert.Equal(Runs, Count(after, "completedPlans") - Count(before, "completedPlans"));
            Assert.Equal(Count(before, "failedPlans"), Count(after, "failedPlans"));
            Assert.Equal(Count(before, "activeExecutions"), Count(after, "activeExecutions"));
        }
        finally
        {
            foreach (var line in host.Output.Where(line => !line.Contains(" info: ", StringComparison.Ordinal)).Take(50))
            {
                output.WriteLine("[host] " + line);
            }
        }
    }

    private static long Count(JsonNode statistics, string name) => (long)statistics[name]!;
}
