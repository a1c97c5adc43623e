namespace PlanFunctions.Deployment.Tests.Infrastructure;

/// <summary>The repository the tests run in: its root and the files the deployment is made of.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding PlanFunctions.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path below the root, written with forward slashes as in the deployment files.</summary>
    public static string PathOf(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>The text of a file below the root.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PlanFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PlanFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
