using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.Process;
using Xunit.Abstractions;

namespace PlanFunctions.Cli.Tests;

/// <summary>
/// <c>planfunctions run</c> on durable storage (Azurite), killed with <c>kill -9</c> in the middle of a run, then run
/// again with <c>--instance-id</c>: the second process carries the run on from storage to its end, and no step that had
/// ended before the kill runs again. The <c>http</c> steps call a counting server in the test process; the third
/// step gets no answer to its first call, which holds it in flight until the kill.
/// </summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class KillAndResumeTests(FullAzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The backend leaves a dead worker's partitions and messages alone until their leases and visibility time out.
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(240);

    // A chain: when c is called, a and b have ended and the engine has recorded it (it dispatched c because of them).
    private static readonly string[] Chain = ["a", "b", "c", "d"];

    [Fact]
    public Task The_durable_functions_engine_killed_mid_run_carries_the_run_on_and_ended_steps_do_not_run_again() =>
        KillMidRunAndResumeAsync("durable-functions", new Dictionary<string, string>
        {
            ["extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:05",
            ["extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:05",
            ["extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.500",
            ["extensions__durableTask__storageProvider__partitionCount"] = "1",
        });

    [Fact]
    public Task The_orleans_engine_with_storage_killed_mid_run_carries_the_run_on_and_ended_steps_do_not_run_again() =>
        KillMidRunAndResumeAsync("orleans", new Dictionary<string, string>
        {
            ["extensions__durableTask__ActivityCheckInterval"] = "00:00:02",
        });

    private async Task KillMidRunAndResumeAsync(string engine, Dictionary<string, string> settings)
    {
        var clock = Stopwatch.StartNew();
        var folder = Directory.CreateTempSubdirectory("planfunctions-cli-kill-").FullName;
        using var server = StepServer.Start(clock);
        const string run = "killed";
        var plan = Path.Combine(folder, "chain.json");
        await File.WriteAllTextAsync(plan, Plan(server, run));
        settings["extensions__durableTask__hubName"] = "k" + Guid.NewGuid().ToString("N")[..20];
        string[] args = ["run", plan, "--engine", engine, "--storage", azurite.ConnectionString, "--instance-id", run, "--json"];
        try
        {
            using (var first = PlanFunctionsProcess.StartIn(folder, settings, args))
            {
                await Eventually.TrueAsync(
                    () => server.CallsOf(run, "c") > 0,
                    Deadline,
                    () => $"step c was not called; the first process wrote: {first.Error}");
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s c in flight: killing the first process");
                await first.KillAsync();
                output.WriteLine("first process: " + first.Error);
            }

            using var second = PlanFunctionsProcess.StartIn(folder, settings, args);
            var resumed = await second.WaitForExitAsync(ResumeDeadline);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.000} s second process ended {resumed.ExitCode}: {resumed.Error}");

            Assert.True(resumed.ExitCode == 0, $"exit code {resumed.ExitCode}; stderr: {resumed.Error}");
            Assert.Contains($"resuming the run {run}", resumed.Error, StringComparison.Ordinal);
            using var status = JsonDocument.Parse(resumed.Output);
            Assert.Equal("Completed", status.RootElement.GetProperty("runtimeStatus").GetString());
            var steps = status.RootElement.GetProperty("output").GetProperty("steps");
            Assert.All(Chain, step => Assert.Equal("Succeeded", steps.GetProperty(step).GetProperty("status").GetString()));
            Assert.All(["a", "b"], step => Assert.True(server.CallsOf(run, step) == 1, $"step {step} had ended before the kill and was called {server.CallsOf(run, step)} times"));
            Assert.True(server.CallsOf(run, "c") >= 2, "step c, in flight at the kill, was not run again");
            Assert.Equal(1, server.CallsOf(run, "d"));
        }
        finally
        {
            foreach (var line in server.Log)
            {
                output.WriteLine("[steps] " + line);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Plan(StepServer server, string run)
    {
        var steps = new JsonArray();
        for (var i = 0; i < Chain.Length; i++)
        {
            steps.Add(new JsonObject
            {
                ["id"] = Chain[i],
                ["tool"] = "http",
                ["dependsOn"] = i == 0 ? new JsonArray() : new JsonArray(Chain[i - 1]),
                ["parameters"] = new JsonObject { ["method"] = "GET", ["url"] = server.UrlOf(run, Chain[i], hold: Chain[i] == "c") },
            });
        }

        return new JsonObject { ["name"] = "kill and resume", ["steps"] = steps }.ToJsonString();
    }
}
