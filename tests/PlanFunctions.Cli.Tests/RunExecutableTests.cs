using System.Text.Json;

namespace PlanFunctions.Cli.Tests;

/// <summary><c>planfunctions run</c> as a process on the embedded engine, the way a user runs it.</summary>
public sealed class RunExecutableTests : IClassFixture<PlanFilesFixture>
{
    /// <summary>How each example plan ends when it is run.</summary>
    private static readonly Dictionary<string, string> ExampleEndings = new(StringComparer.Ordinal)
    {
        ["condition.json"] = "Completed",
        ["fan-out-and-join.json"] = "Completed",
        ["morning-report.json"] = "Completed",
        ["retries.json"] = "Completed",
        ["stop-on-failure.json"] = "Failed",
    };

    private static readonly string[] StatusFields =
        ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    private static readonly string[] ProgressFields =
        ["planId", "totalSteps", "completedSteps", "failedSteps", "skippedSteps", "status", "elapsedSeconds", "remainingSeconds"];

    private readonly PlanFilesFixture _files;

    public RunExecutableTests(PlanFilesFixture files) => _files = files;

    public static TheoryData<string> CompletingExamples() =>
        [.. ExampleEndings.Where(ending => ending.Value == "Completed").Select(ending => ending.Key).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_example_says_how_it_ends()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Examples, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(ExampleEndings.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(CompletingExamples))]
    public async Task An_example_runs_to_Completed_and_json_prints_only_the_full_status_document(string fileName)
    {
        var run = await PlanFunctionsProcess.RunAsync("run", Path.Combine(RepositoryPaths.Examples, fileName), "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        var status = document.RootElement;
        AssertIsStatusDocument(status, "Completed");
        var output = status.GetProperty("output");
        Assert.Equal("Succeeded", output.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrWhiteSpace(output.GetProperty("response").GetString()));
        foreach (var step in status.GetProperty("input").GetProperty("steps").EnumerateArray())
        {
            var id = step.GetProperty("id").GetString()!;
            var ended = output.GetProperty("steps").GetProperty(id).GetProperty("status").GetString();
            Assert.True(ended is "Succeeded" or "Skipped", $"step '{id}' ended {ended}");
        }
    }

    [Fact]
    public async Task A_plan_that_fails_exits_1_with_runtimeStatus_Failed_and_the_reason()
    {
        var run = await PlanFunctionsProcess.RunAsync("run", Path.Combine(RepositoryPaths.Examples, "stop-on-failure.json"), "--json");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        var status = document.RootElement;
        AssertIsStatusDocument(status, "Failed");
        var output = status.GetProperty("output");
        Assert.Contains("the ledger is locked", output.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", output.GetProperty("steps").GetProperty("critical").GetProperty("status").GetString());
        Assert.Equal("Cancelled", output.GetProperty("steps").GetProperty("publish").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_invalid_plan_exits_2_listing_every_problem_and_runs_nothing()
    {
        var path = _files.Write("invalid.json", """
            { "name": "Invalid", "steps": [
                { "id": "a", "tool": "teleport" },
                { "id": "b", "tool": "echo", "dependsOn": ["ghost"] } ] }
            """);

        var run = await PlanFunctionsProcess.RunAsync("run", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Collection(
            run.ErrorLines,
            line => Assert.StartsWith($"{path}: step 'a', tool: unknown tool 'teleport'", line, StringComparison.Ordinal),
            line => Assert.Equal($"{path}: step 'b', dependsOn[0]: unknown step 'ghost'", line));
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_run_which_winds_down_and_exits_1_with_a_Canceled_document()
    {
        var path = _files.Write("long.json", """
            { "name": "Long", "steps": [
                { "id": "quick", "tool": "echo", "parameters": { "ready": true } },
                { "id": "long", "tool": "delay", "dependsOn": ["quick"], "parameters": { "milliseconds": 600000 }, "timeoutSeconds": 900 },
                { "id": "after", "tool": "echo", "dependsOn": ["long"] } ] }
            """);
        using var process = PlanFunctionsProcess.Start("run", path, "--json");
        await process.WaitForErrorAsync("planfunctions: running 'Long' as instance ");

        await process.InterruptAsync();
        var run = await process.WaitForExitAsync();

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        var status = document.RootElement;
        AssertIsStatusDocument(status, "Canceled");
        var steps = status.GetProperty("output").GetProperty("steps");
        Assert.Equal("Cancelled", steps.GetProperty("long").GetProperty("status").GetString());
        Assert.Equal("Cancelled", steps.GetProperty("after").GetProperty("status").GetString());
        Assert.Contains("cancelling the run", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_output_without_json_gets_plain_progress_lines_and_a_summary()
    {
        var run = await PlanFunctionsProcess.RunAsync("run", Path.Combine(RepositoryPaths.Examples, "morning-report.json"));

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Morning report: running 4 steps as instance ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("] fetch (echo): succeeded in ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("] report (echo): succeeded in ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Morning report: Completed (Succeeded) in ", StringComparison.Ordinal));
        Assert.Contains("4 steps: 4 succeeded", lines);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public async Task Two_runs_at_once_each_get_their_own_engine()
    {
        var first = PlanFunctionsProcess.RunAsync("run", Path.Combine(RepositoryPaths.Examples, "fan-out-and-join.json"), "--json");
        var second = PlanFunctionsProcess.RunAsync("run", Path.Combine(RepositoryPaths.Examples, "condition.json"), "--json");

        var runs = await Task.WhenAll(first, second);

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}"));
        var names = runs.Select(run =>
        {
            using var document = JsonDocument.Parse(run.Output);
            return document.RootElement.GetProperty("name").GetString();
        });
        Assert.Equal(["Fan out and join", "What to wear"], names);
    }

    private static void AssertIsStatusDocument(JsonElement status, string runtimeStatus)
    {
        foreach (var field in StatusFields)
        {
            Assert.True(status.TryGetProperty(field, out _), $"the status document has no '{field}': {status}");
        }

        Assert.Equal(runtimeStatus, status.GetProperty("runtimeStatus").GetString());
        Assert.Matches("^[0-9a-f]{32}$", status.GetProperty("instanceId").GetString());
        Assert.Equal(status.GetProperty("name").GetString(), status.GetProperty("input").GetProperty("name").GetString());
        var progress = status.GetProperty("customStatus");
        foreach (var field in ProgressFields)
        {
            Assert.True(progress.TryGetProperty(field, out _), $"customStatus has no '{field}': {progress}");
        }

        Assert.Equal(runtimeStatus, progress.GetProperty("status").GetString());
        Assert.Equal(status.GetProperty("instanceId").GetString(), progress.GetProperty("planId").GetString());
        var output = status.GetProperty("output");
        Assert.True(output.TryGetProperty("outcome", out _), $"output has no 'outcome': {output}");
        Assert.Equal(progress.GetProperty("totalSteps").GetInt32(), output.GetProperty("steps").EnumerateObject().Count());
        Assert.True(status.GetProperty("lastUpdatedTime").GetDateTimeOffset() >= status.GetProperty("createdTime").GetDateTimeOffset());
    }
}
