namespace PlanFunctions.Cli.Tests;

public sealed class ExamplePlanTests
{
    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ExamplesDirectory(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_examples_that_the_docs_name_are_there()
    {
        var names = Directory.EnumerateFiles(ExamplesDirectory(), "*.json").Select(Path.GetFileName).ToHashSet();

        Assert.Superset(
            new HashSet<string?> { "morning-report.json", "fan-out-and-join.json", "retries.json", "condition.json", "stop-on-failure.json" },
            names);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Every_example_plan_is_valid(string fileName)
    {
        var run = await CliRun.InProcessAsync("validate", Path.Combine(ExamplesDirectory(), fileName));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@": valid \(\d+ steps?\)", run.Output);
    }

    private static string ExamplesDirectory() => RepositoryPaths.Examples;
}
