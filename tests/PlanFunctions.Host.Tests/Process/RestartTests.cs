using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.TestSupport;
using Xunit.Abstractions;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// The service as it is deployed, a process on Azure Tables (Azurite), stopped in the middle of a run, once by
/// <c>kill -9</c> and once by SIGTERM, and started again on the same storage: the run carries on by itself (its
/// reminder brings it back), completes, and no step that had ended runs again. The <c>http</c> steps call a counting
/// server in the test process, so a step that ran again in the second process would be seen.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class RestartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // a, then b, then c and e side by side, then d: c is held in flight while the others before d end.
    private static readonly (string Id, string[] DependsOn)[] Steps = [("a", []), ("b", ["a"]), ("c", ["b"]), ("e", ["b"]), ("d", ["c", "e"])];

    [Fact]
    public Task A_run_killed_mid_step_completes_after_the_next_start_and_ended_steps_do_not_run_again() =>
        StopMidRunAndStartAgainAsync("kill -9", async host => await host.KillAsync());

    [Fact]
    public Task After_SIGTERM_the_host_exits_cleanly_and_the_run_completes_after_the_next_start_without_running_ended_steps_again() =>
        StopMidRunAndStartAgainAsync("SIGTERM", async host =>
        {
            var exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"the host exited {exitCode} after SIGTERM");
        });

    private async Task StopMidRunAndStartAgainAsync(string how, Func<HostProcess, Task> stop)
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
            // Reminders are kept per service id: the second process must have the first one's to find them.
            ["PlanFunctions__Silo__ServiceId"] = hub,
            ["PlanFunctions__Silo__MinimumReminderPeriod"] = "00:00:01",
        };
        const string run = "restart";

        HostProcess? first = null;
        HostProcess? second = null;
        try
        {
            first = await HostProcess.StartAsync(settings, clock);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s first host up (pid {first.Id})");
            await StartAsync(first.Http, Plan(server, run), run);

            // Stop the host only when c is in flight and every step that can end before it has ended.
            var endedBefore = await WaitAsync(async () =>
            {
                if (server.CallsOf(run, "c") == 0)
                {
                    return null;
                }

                var ended = await EndedStepsAsync(first.Http, run);
                return ended.Contains("e") ? ended : null;
            }, "step c did not start and e end");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s stopping the first host by {how}: steps ended {string.Join(", ", endedBefore)}; c in flight");

            await stop(first);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s first host gone");

            second = await HostProcess.StartAsync(settings, clock);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s second host up (pid {second.Id})");

            // Nobody asks about the run: it must carry on by itself.
            await WaitAsync(() => Task.FromResult<object?>(server.AnswersTo(run, "d") > 0 ? true : null), "the run did not carry on to step d after the restart");
            var status = await WaitAsync(async () =>
            {
                using var response = await second.Http.GetAsync($"{Instances}/{run}");
                return response.StatusCode == HttpStatusCode.OK ? await BodyAsync(response) : null;
            }, "the run did not end after the restart");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s run ended {status["runtimeStatus"]}");

            Assert.Equal("Completed", (string?)status["runtimeStatus"]);
            Assert.Equal(["a", "b", "e"], endedBefore.Order(StringComparer.Ordinal));
            Assert.All(endedBefore, step => Assert.True(server.CallsOf(run, step) == 1, $"step {step} had ended before the stop and was called {server.CallsOf(run, step)} times"));
            Assert.True(server.CallsOf(run, "c") >= 2, "step c, in flight at the stop, was not run again by the second host");
            Assert.Equal(1, server.CallsOf(run, "d"));

            // The statistics, kept in storage too, count the run once although two hosts ran it.
            var statistics = await WaitAsync(async () =>
            {
                using var response = await second.Http.GetAsync("api/statistics");
                var body = await BodyAsync(response);
                return (long)body["endedPlans"]! > 0 ? body : null;
            }, "the statistics did not count the run's end");
            output.WriteLine($"statistics: {statistics.ToJsonString()}");
            Assert.Equal((1L, 1L, 0L), ((long)statistics["totalPlans"]!, (long)statistics["completedPlans"]!, (long)statistics["activeExecutions"]!));
        }
        finally
        {
            foreach (var line in server.Log)
            {
                output.WriteLine("[steps] " + line);
            }

            if (first is not null)
            {
                first.WriteOutputTo(output, "host 1");
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                second.WriteOutputTo(output, "host 2");
                await second.DisposeAsync();
            }
        }
    }

    private static string Plan(StepServer server, string run)
    {
        var steps = new JsonArray();
        foreach (var (id, dependsOn) in Steps)
        {
            steps.Add(new JsonObject
            {
                ["id"] = id,
                ["tool"] = "http",
                ["dependsOn"] = new JsonArray([.. dependsOn.Select(d => JsonValue.Create(d))]),
                ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = server.UrlOf(run, id, hold: id == "c") },
            });
        }

        return new JsonObject { ["name"] = "restart", ["steps"] = steps }.ToJsonString();
    }

    private static Task<T> WaitAsync<T>(Func<Task<T?>> attempt, string because)
        where T : class => Eventually.ReturnsAsync(attempt, Deadline, because);
}
