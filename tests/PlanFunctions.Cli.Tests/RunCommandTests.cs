namespace PlanFunctions.Cli.Tests;

/// <summary><c>planfunctions run</c> refusing what it cannot run, before any engine starts.</summary>
public sealed class RunCommandTests : IClassFixture<PlanFilesFixture>
{
    private readonly PlanFilesFixture _files;

    public RunCommandTests(PlanFilesFixture files) => _files = files;

    [Fact]
    public async Task Run_reports_an_invalid_plan_exactly_as_validate_does()
    {
        var path = _files.Write("bad.json", """
            { "name": "Bad", "colour": "red", "steps": [
                { "id": "a", "tool": "echo", "timeoutSeconds": -1 },
                { "id": "b", "tool": "echo", "dependsOn": ["a", "ghost"] } ] }
            """);

        var validate = await CliRun.InProcessAsync("validate", path);
        var run = await CliRun.InProcessAsync("run", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(3, run.ErrorLines.Length);
        Assert.Equal(validate.ErrorLines, run.ErrorLines);
    }

    [Fact]
    public async Task A_missing_file_exits_2_with_one_clear_line()
    {
        var path = Path.Combine(_files.Directory, "nowhere.json");

        var run = await CliRun.InProcessAsync("run", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"{path}: no such file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task An_empty_storage_connection_string_is_refused_with_an_example_of_one()
    {
        var path = _files.Write("good.json", """{ "name": "n", "steps": [ { "id": "a", "tool": "echo" } ] }""");

        var run = await CliRun.InProcessAsync("run", path, "--storage", " ");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "planfunctions: --storage: the connection string is empty; give one, e.g. UseDevelopmentStorage=true for Azurite",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Run_without_a_file_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("run", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Required argument missing", run.Error, StringComparison.Ordinal);
    }
}
