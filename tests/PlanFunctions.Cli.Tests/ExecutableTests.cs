namespace PlanFunctions.Cli.Tests;

/// <summary>The built <c>planfunctions</c> executable, run as a process the way a user runs it.</summary>
public sealed class ExecutableTests : IClassFixture<PlanFilesFixture>
{
    private readonly PlanFilesFixture _files;

    public ExecutableTests(PlanFilesFixture files) => _files = files;

    [Fact]
    public async Task The_executable_reports_problems_on_stderr_with_exit_code_2()
    {
        var path = _files.Write("unknown-tool.json", """{ "name": "n", "steps": [ { "id": "a", "tool": "teleport" } ] }""");

        var run = await RunAsync("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith($"{path}: step 'a', tool: unknown tool 'teleport'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_exits_0_for_a_valid_plan()
    {
        var path = _files.Write("valid.json", """{ "name": "n", "steps": [ { "id": "a", "tool": "echo" } ] }""");

        var run = await RunAsync("validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{path}: valid (1 step)", run.Output.Trim());
    }

    private static Task<CliRun> RunAsync(params string[] args) => PlanFunctionsProcess.RunAsync(args);
}
