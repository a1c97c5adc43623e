using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace PlanFunctions.Functions.Tests.Publishing;

/// <summary>
/// The Functions app published once per test run (<c>dotnet publish --no-build</c> of the configuration the tests
/// were built in, which built the app too) into a folder of its own: what a deployment ships and what the Functions
/// host would load.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromMinutes(5);

    public PublishedApp()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("planfunctions-functions-publish-").FullName;
        var project = Path.Combine(RepositoryRoot(), "src", "PlanFunctions.Functions", "PlanFunctions.Functions.csproj");
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var watch = Stopwatch.StartNew();
        Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            ["publish", project, "--configuration", configuration, "--no-build", "--output", Directory, "-nologo"]);
        PublishTime = watch.Elapsed;
    }

    /// <summary>The publish folder.</summary>
    public string Directory { get; }

    /// <summary>How long the publish took.</summary>
    public TimeSpan PublishTime { get; }

    /// <summary>A JSON file of the publish folder.</summary>
    public JsonNode Json(string relativePath) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, relativePath)))!;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PlanFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no PlanFunctions.sln above {AppContext.BaseDirectory}");
    }

    private static void Run(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(PublishDeadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishDeadline.TotalMinutes} minutes:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:{Environment.NewLine}{output}");
        }
    }
}
