namespace PlanFunctions.Cli.Tests;

/// <summary><c>planfunctions rewind</c>'s refusals that need no engine: a wrong command line is one line and exit code 1.</summary>
public sealed class RewindCommandTests
{
    [Theory]
    [InlineData("orleans")]
    [InlineData("durable-functions")]
    public async Task Rewind_without_storage_says_in_one_line_that_it_needs_the_storage_the_run_is_kept_in(string engine)
    {
        var run = await CliRun.InProcessAsync("rewind", "some-run", "--engine", engine);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("planfunctions: --storage is required", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Rewind_of_an_instance_id_no_run_can_have_names_what_is_wrong_with_it()
    {
        var run = await CliRun.InProcessAsync("rewind", "a/b", "--storage", "UseDevelopmentStorage=true");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("planfunctions: ID: the instance id must not contain '/' (at position 1)", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Run_with_an_instance_id_no_run_can_have_names_what_is_wrong_with_it()
    {
        var run = await CliRun.InProcessAsync("run", Path.Combine(RepositoryPaths.Examples, "morning-report.json"), "--instance-id", "a#b");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("planfunctions: --instance-id: the instance id must not contain '#' (at position 1)", Assert.Single(run.ErrorLines));
    }
}
