namespace PlanFunctions.Cli.Tests;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The <c>examples</c> folder next to the solution.</summary>
    public static string Examples { get; } = FindExamples();

    private static string FindExamples()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var examples = Path.Combine(directory.FullName, "examples");
            if (Directory.Exists(examples) && File.Exists(Path.Combine(directory.FullName, "PlanFunctions.sln")))
            {
                return examples;
            }
        }

        throw new DirectoryNotFoundException($"no examples directory above {AppContext.BaseDirectory}");
    }
}
