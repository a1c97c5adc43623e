using System.Text.Json;

namespace PlanFunctions.Cli.Tests;

/// <summary>
/// <c>planfunctions run --engine durable-functions</c> runs the Functions app's engine in the command line's process on
/// the Durable Task Azure Storage backend (Azurite here), with the Orleans engine's document and exit codes; and
/// <c>--instance-id</c> and <c>rewind</c> on a run kept there.
/// </summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class DurableFunctionsEngineTests(FullAzuriteFixture azurite)
{
    [Fact]
    public async Task Without_storage_the_durable_functions_engine_says_in_one_line_that_it_needs_a_storage_account()
    {
        var run = await CliRun.InProcessAsync("run", Example("morning-report"), "--engine", "durable-functions");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--storage is required", line, StringComparison.Ordinal);
        Assert.Contains("storage account", line, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task An_unknown_engine_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("run", Example("morning-report"), "--engine", "temporal");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("temporal", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_engines_give_the_same_status_document_and_exit_code_for_the_same_plan()
    {
        foreach (var (example, exitCode) in new[] { ("morning-report", 0), ("stop-on-failure", 1) })
        {
            var durable = await RunOnNewHubAsync("run", Example(example), "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--json");
            var orleans = await PlanFunctionsProcess.RunAsync("run", Example(example), "--json");

            Assert.True(durable.ExitCode == exitCode, $"{example} on durable-functions: exit code {durable.ExitCode}; stderr: {durable.Error}");
            Assert.True(orleans.ExitCode == exitCode, $"{example} on orleans: exit code {orleans.ExitCode}; stderr: {orleans.Error}");
            Assert.Equal(Outline(orleans.Output), Outline(durable.Output));
        }
    }

    [Fact]
    public async Task Without_history_from_the_engine_the_line_view_shows_every_step_and_how_the_run_ended()
    {
        var run = await RunOnNewHubAsync("run", Example("morning-report"), "--engine", "durable-functions", "--storage", azurite.ConnectionString);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");
        Assert.Contains("Morning report: running 4 steps as instance ", run.Output, StringComparison.Ordinal);
        Assert.All(
            ["fetch (echo): succeeded", "settle (delay): succeeded", "count (echo): succeeded", "report (echo): succeeded"],
            line => Assert.Contains(line, run.Output, StringComparison.Ordinal));
        Assert.Contains("Morning report: Completed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_under_an_instance_id_that_has_ended_is_shown_with_its_exit_code_and_not_run_again()
    {
        var hub = NewHub();
        var id = "ended-" + Guid.NewGuid().ToString("N")[..8];
        var first = await RunAsync(hub, "run", Example("stop-on-failure"), "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--instance-id", id, "--json");
        var again = await RunAsync(hub, "run", Example("stop-on-failure"), "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--instance-id", id, "--json");

        Assert.True(first.ExitCode == 1, $"exit code {first.ExitCode}; stderr: {first.Error}");
        Assert.True(again.ExitCode == 1, $"exit code {again.ExitCode}; stderr: {again.Error}");
        Assert.Contains($"the run {id} has already ended Failed", again.Error, StringComparison.Ordinal);
        using var before = JsonDocument.Parse(first.Output);
        using var after = JsonDocument.Parse(again.Output);
        Assert.Equal(id, after.RootElement.GetProperty("instanceId").GetString());

        // The same run, not a second one: it was created once.
        Assert.Equal(
            before.RootElement.GetProperty("createdTime").GetString(),
            after.RootElement.GetProperty("createdTime").GetString());
    }

    [Fact]
    public async Task Rewinding_a_run_that_is_not_Failed_is_one_line_and_a_nonzero_exit_code()
    {
        var hub = NewHub();
        var id = "done-" + Guid.NewGuid().ToString("N")[..8];
        var run = await RunAsync(hub, "run", Example("morning-report"), "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--instance-id", id, "--json");
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");

        var rewind = await RunAsync(hub, "rewind", id, "--engine", "durable-functions", "--storage", azurite.ConnectionString);
        var missing = await RunAsync(hub, "rewind", "no-such-run", "--engine", "durable-functions", "--storage", azurite.ConnectionString);

        Assert.Equal(2, rewind.ExitCode);
        Assert.Equal($"planfunctions: the run {id} is Completed, not Failed: only a Failed run can be rewound", Assert.Single(rewind.ErrorLines));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("there is no run no-such-run", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewinding_a_Failed_run_runs_its_failed_step_again_and_watches_it_to_its_end()
    {
        var hub = NewHub();
        var id = "failed-" + Guid.NewGuid().ToString("N")[..8];
        var run = await RunAsync(hub, "run", Example("stop-on-failure"), "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--instance-id", id, "--json");
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var before = JsonDocument.Parse(run.Output);
        var attemptsBefore = before.RootElement.GetProperty("output").GetProperty("steps").GetProperty("critical").GetProperty("attempts").GetInt32();

        var rewind = await RunAsync(hub, "rewind", id, "--engine", "durable-functions", "--storage", azurite.ConnectionString, "--json");

        // The step fails every time: rewound, it runs again with a fresh attempt, fails again, and the run with it.
        Assert.DoesNotContain("   at ", rewind.Error, StringComparison.Ordinal);
        Assert.True(rewind.ExitCode == 1, $"exit code {rewind.ExitCode}; stderr: {rewind.Error}");
        using var status = JsonDocument.Parse(rewind.Output);
        Assert.Equal("Failed", status.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.True(
            status.RootElement.GetProperty("output").GetProperty("steps").GetProperty("critical").GetProperty("attempts").GetInt32() > attemptsBefore,
            "the rewound step did not run again");
    }

    [Fact]
    public async Task A_wrong_storage_setting_stops_the_engine_with_one_line_naming_it_and_exit_code_3()
    {
        var run = await PlanFunctionsProcess.RunInAsync(
            null,
            new Dictionary<string, string> { ["extensions__durableTask__storageProvider__partitionCount"] = "99" },
            "run", Example("morning-report"), "--engine", "durable-functions", "--storage", azurite.ConnectionString);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("extensions:durableTask:storageProvider:partitionCount", line, StringComparison.Ordinal);
        Assert.Contains("environment variable", line, StringComparison.Ordinal);
    }

    private static string Example(string name) => Path.Combine(RepositoryPaths.Examples, name + ".json");

    private static string NewHub() => "c" + Guid.NewGuid().ToString("N")[..20];

    private static Task<CliRun> RunOnNewHubAsync(params string[] args) => RunAsync(NewHub(), args);

    private static Task<CliRun> RunAsync(string hub, params string[] args) =>
        PlanFunctionsProcess.RunInAsync(null, new Dictionary<string, string> { ["extensions__durableTask__hubName"] = hub }, args);

    /// <summary>What both engines must agree on: the status, the outcome, every step's status and attempts, the response.</summary>
    private static string Outline(string statusJson)
    {
        using var document = JsonDocument.Parse(statusJson);
        var root = document.RootElement;
        var output = root.GetProperty("output");
        var steps = output.GetProperty("steps").EnumerateObject()
            .OrderBy(step => step.Name, StringComparer.Ordinal)
            .Select(step => $"{step.Name}={step.Value.GetProperty("status").GetString()}/{step.Value.GetProperty("attempts").GetInt32()}");
        return string.Join(
            "\n",
            root.GetProperty("name").GetString(),
            root.GetProperty("runtimeStatus").GetString(),
            output.GetProperty("outcome").ToString(),
            string.Join(", ", steps),
            output.TryGetProperty("response", out var response) ? response.GetString() : null,
            root.GetProperty("customStatus").GetProperty("totalSteps").GetInt32());
    }
}
