namespace PlanFunctions.Cli.Tests;

/// <summary>A scratch directory for plan files, removed afterwards.</summary>
public sealed class PlanFilesFixture : IDisposable
{
    public PlanFilesFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("planfunctions-cli-tests-").FullName;
    }

    public string Directory { get; }

    public string Write(string fileName, string content)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
