using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.TestSupport;
using Xunit.Abstractions;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// Load with a restart (issue 7): a thousand short runs on Azure Tables (Azurite), one in ten of them meant to fail,
/// with the host stopped by SIGTERM half-way through and a new one started on the same storage. Every run ends with
/// the status its plan implies, and the statistics count each run exactly once.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class LoadWithRestartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Runs = 1000;
    private const int Clients = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    // The pause is long enough that the runs accepted in the last seconds before the SIGTERM are still under way.
    private const string CompletingPlan = """
        { "name": "load", "steps": [
            { "id": "first", "tool": "echo", "parameters": { "n": 1 } },
            { "id": "pause", "tool": "delay", "dependsOn": ["first"], "parameters": { "milliseconds": 2000 } },
            { "id": "last", "tool": "echo", "dependsOn": ["pause"], "parameters": { "n": 3 } } ] }
        """;

    private const string FailingPlan = """
        { "name": "load-failing", "steps": [
            { "id": "first", "tool": "echo", "parameters": { "n": 1 } },
            { "id": "pause", "tool": "delay", "dependsOn": ["first"], "parameters": { "milliseconds": 2000 } },
            { "id": "broken", "tool": "fail", "dependsOn": ["pause"], "parameters": { "message": "meant to fail", "retryable": false } } ] }
        """;

    [Fact]
    public async Task A_thousand_runs_with_a_host_restarted_half_way_all_end_as_their_plans_imply_and_the_statistics_add_up()
    {
        var clock = Stopwatch.StartNew();
        var hub = AzuriteFixture.CreateTaskHubName();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions__durableTask__hubName"] = hub,
            ["extensions__durableTask__RunReminderPeriod"] = "00:00:02",
            ["extensions__durableTask__ActivityCheckInterval"] = "00:00:02",
            ["PlanFunctions__Silo__ServiceId"] = hub,
            ["PlanFunctions__Silo__MinimumReminderPeriod"] = "00:00:01",
        };
        var expected = Enumerable.Range(0, Runs).ToDictionary(
            i => "load" + i.ToString("D4", CultureInfo.InvariantCulture),
            i => i % 10 == 0 ? "Failed" : "Completed",
            StringComparer.Ordinal);
        var ids = expected.Keys.ToList();

        HostProcess? first = null;
        HostProcess? second = null;
        try
        {
            first = await HostProcess.StartAsync(settings, clock);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s first host up (pid {first.Id})");
            await StartAllAsync(first.Http, ids[..(Runs / 2)], expected);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s {Runs / 2} runs accepted by the first host; SIGTERM while they run");

            var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"the first host exited {exitCode} after SIGTERM");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s first host gone");

            second = await HostProcess.StartAsync(settings, clock);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s second host up (pid {second.Id})");
            await StartAllAsync(second.Http, ids[(Runs / 2)..], expected);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s the other {Runs / 2} runs accepted by the second host");

            var ended = await WaitForAllToEndAsync(second.Http, ids, Clients, Deadline);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s all {Runs} runs ended");

            // The restart must have caught runs under way, or it tested nothing: the second host rebuilt them from storage.
            var carriedOver = second.Output.Count(line => line.Contains("rebuilt from", StringComparison.Ordinal) && line.EndsWith(": Running", StringComparison.Ordinal));
            output.WriteLine($"{carriedOver} runs were under way at the SIGTERM and carried on in the second host");
            Assert.True(carriedOver > 0, "no run was under way when the first host stopped");

            var wrong = ids.Where(id => ended[id] != expected[id]).Select(id => $"{id}: {ended[id]}, not {expected[id]}").ToList();
            Assert.True(wrong.Count == 0, $"{wrong.Count} runs ended with the wrong status: {string.Join(", ", wrong.Take(10))}");

            // Each run tells the statistics of its end after recording it: wait for the last report to arrive.
            var statistics = await Eventually.ReturnsAsync(
                async () => await StatisticsAsync(second.Http) is var now && Count(now, "completedPlans") + Count(now, "failedPlans") >= Runs ? now : null,
                TimeSpan.FromSeconds(30),
                "the statistics did not count every ended run");
            output.WriteLine($"statistics: {statistics.ToJsonString()}");
            Assert.Equal(Runs, Count(statistics, "totalPlans"));
            Assert.Equal(Runs * 9 / 10, Count(statistics, "completedPlans"));
            Assert.Equal(Runs / 10, Count(statistics, "failedPlans"));
            Assert.Equal(0, Count(statistics, "activeExecutions"));
            output.WriteLine($"wall time {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            foreach (var (label, host) in new[] { ("host 1", first), ("host 2", second) })
            {
                if (host is not null)
                {
                    foreach (var line in host.Output.Where(line => !line.Contains(" info: ", StringComparison.Ordinal) && !line.Contains("Polly", StringComparison.Ordinal)).Take(20))
                    {
                        output.WriteLine($"[{label}] {line}");
                    }

                    await host.DisposeAsync();
                }
            }
        }
    }

    private static Task StartAllAsync(HttpClient http, IEnumerable<string> ids, IReadOnlyDictionary<string, string> expected) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (id, _) =>
            await StartIdAsync(http, expected[id] == "Failed" ? FailingPlan : CompletingPlan, id));

    private static long Count(JsonNode statistics, string name) => (long)statistics[name]!;
}
