using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.TestSupport;
using Xunit.Abstractions;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// Three host processes on one Azurite form one Orleans cluster through the membership table. Runs started through
/// one host spread their steps over all three; one host is killed with <c>kill -9</c> mid-run and every run
/// finishes on the others; then the hosts are restarted one by one while runs go on, and nothing is lost. The
/// <c>http</c> steps call a counting server in the test process, so a step that ran twice would be seen.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed partial class ClusterFailoverTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Runs = 12;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_hosts_form_one_cluster_survive_a_killed_host_and_a_rolling_restart()
    {
        var clock = Stopwatch.StartNew();
        var hub = AzuriteFixture.CreateTaskHubName();
        using var server = StepServer.Start(clock);
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions__durableTask__hubName"] = hub,
            ["extensions__durableTask__RunReminderPeriod"] = "00:00:02",
            ["extensions__durableTask__ActivityCheckInterval"] = "00:00:02",
            ["PlanFunctions__Clustering__Mode"] = "AzureTable",
            ["PlanFunctions__Clustering__ClusterId"] = hub,
            ["PlanFunctions__Silo__ServiceId"] = hub,
            ["PlanFunctions__Silo__AdvertisedAddress"] = "127.0.0.1",
            ["PlanFunctions__Silo__MinimumReminderPeriod"] = "00:00:01",
            ["Logging__LogLevel__PlanFunctions.Runtime.Activities"] = "Debug",
        };
        var hosts = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                hosts.Add(await HostProcess.StartAsync(settings, clock));
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s host {i + 1} up (pid {hosts[^1].Id})");
            }

            // Phase 1: runs started through host 1; kill host 3 while every run waits in its delay step.
            var first = Enumerable.Range(0, Runs).Select(i => $"kill-{i}").ToList();
            foreach (var run in first)
            {
                await StartAsync(hosts[0].Http, Plan(server, run), run);
            }

            await WaitAsync<object>(async () => await AllAsync(first, run => StepEndedAsync(hosts[0].Http, run, "a")) ? true : null, "every run's first step did not end");
            var endedBefore = new List<(string Run, string Step)>();
            foreach (var run in first)
            {
                endedBefore.AddRange((await EndedStepsAsync(hosts[0].Http, run)).Select(step => (run, step)));
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s killing host 3 (pid {hosts[2].Id}) mid-run; {endedBefore.Count} steps had ended");
            var killed = hosts[2];
            await killed.KillAsync();

            await WaitForCompletedAsync(hosts[0].Http, first);

            // Activities are at-least-once: a step in flight when a host died may run again, one recorded as ended never.
            Assert.All(endedBefore.Where(e => e.Step != "wait"), ended =>
                Assert.True(server.CallsOf(ended.Run, ended.Step) == 1, $"run {ended.Run} step {ended.Step} had ended before the kill and was called {server.CallsOf(ended.Run, ended.Step)} times"));
            Assert.All(first, run => Assert.All(["a", "b", "c"], step => Assert.True(server.CallsOf(run, step) >= 1)));
            output.WriteLine($"calls of b and c beyond the first: {first.Sum(run => server.CallsOf(run, "b") + server.CallsOf(run, "c") - 2)}");
            var where = WhereStepsRan([.. hosts]);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s phase 1 done; attempts per host: {string.Join(", ", where.Select(w => $"host {w.Key}: {w.Value}"))}");
            Assert.True(where.Count(w => w.Value > 0) >= 2, "the steps did not spread over the hosts");

            // Phase 2: a replacement for host 3, then hosts 1 and 2 restarted one by one (SIGTERM) while runs go on.
            hosts[2] = await HostProcess.StartAsync(settings, clock);
            await killed.DisposeAsync();
            var second = Enumerable.Range(0, Runs).Select(i => $"roll-{i}").ToList();
            foreach (var run in second)
            {
                await StartAsync(hosts[2].Http, Plan(server, run), run);
            }

            for (var i = 0; i < 2; i++)
            {
                var old = hosts[i];
                Assert.Equal(0, await old.TerminateAsync(TimeSpan.FromSeconds(30)));
                hosts[i] = await HostProcess.StartAsync(settings, clock);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s host {i + 1} restarted (pid {hosts[i].Id})");
                old.WriteOutputTo(output, $"host {i + 1} (before restart)");
                await old.DisposeAsync();
            }

            await WaitForCompletedAsync(hosts[0].Http, second);
            Assert.All(second, run => Assert.True(server.CallsOf(run, "c") >= 1));
            var statistics = await WaitAsync(async () =>
            {
                using var response = await hosts[1].Http.GetAsync("api/statistics");
                var body = await BodyAsync(response);
                return (long)body["completedPlans"]! == 2 * Runs ? body : null;
            }, "the statistics did not count every run once");
            Assert.Equal(0L, (long)statistics["activeExecutions"]!);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s all {2 * Runs} runs completed; statistics {statistics.ToJsonString()}");
        }
        finally
        {
            for (var i = 0; i < hosts.Count; i++)
            {
                hosts[i].WriteOutputTo(output, $"host {i + 1}");
                await hosts[i].DisposeAsync();
            }
        }
    }

    private static string Plan(StepServer server, string run) => new JsonObject
    {
        ["name"] = "cluster",
        ["steps"] = new JsonArray(
            Step("a", "http", [], new JsonObject { ["url"] = server.UrlOf(run, "a") }),
            Step("wait", "delay", ["a"], new JsonObject { ["milliseconds"] = 2500 }),
            Step("b", "http", ["wait"], new JsonObject { ["url"] = server.UrlOf(run, "b") }),
            Step("c", "http", ["b"], new JsonObject { ["url"] = server.UrlOf(run, "c") })),
    }.ToJsonString();

    private static JsonObject Step(string id, string tool, string[] dependsOn, JsonObject parameters) => new()
    {
        ["id"] = id,
        ["tool"] = tool,
        ["dependsOn"] = new JsonArray([.. dependsOn.Select(d => JsonValue.Create(d))]),
        ["parameters"] = parameters,
    };

    /// <summary>How many step attempts each host's log says it ran.</summary>
    private static Dictionary<int, int> WhereStepsRan(IReadOnlyList<HostProcess> hosts) =>
        Enumerable.Range(0, hosts.Count).ToDictionary(i => i + 1, i => hosts[i].Output.Count(line => RunsOnSilo().IsMatch(line)));

    private static async Task<bool> StepEndedAsync(HttpClient http, string run, string step) =>
        (await EndedStepsAsync(http, run)).Contains(step);

    private static async Task<bool> AllAsync(IEnumerable<string> runs, Func<string, Task<bool>> condition)
    {
        foreach (var run in runs)
        {
            if (!await condition(run))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WaitForCompletedAsync(HttpClient http, IEnumerable<string> runs)
    {
        foreach (var run in runs)
        {
            var status = await WaitAsync(async () =>
            {
                using var response = await http.GetAsync($"{Instances}/{run}?showInput=false");
                return response.StatusCode == HttpStatusCode.OK ? await BodyAsync(response) : null;
            }, $"run {run} did not end");
            Assert.True((string?)status["runtimeStatus"] == "Completed", $"run {run}: {status.ToJsonString()}");
        }
    }

    private static Task<T> WaitAsync<T>(Func<Task<T?>> attempt, string because)
        where T : class => Eventually.ReturnsAsync(attempt, Deadline, because);

    [GeneratedRegex("step \\w+ attempt \\d+ \\(\\w+\\) runs on silo")]
    private static partial Regex RunsOnSilo();
}
