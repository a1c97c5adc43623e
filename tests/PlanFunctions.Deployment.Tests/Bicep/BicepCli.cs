using System.Reflection;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>The bicep binary of the Azure.Bicep.CommandLine.linux-x64 package, restored with this project.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Runs bicep with <paramref name="arguments"/> in the repository's root.</summary>
    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Executable(), arguments, Repository.Root, Deadline);

    private static string Executable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The bicep binary is not at '{path}': restore PlanFunctions.Deployment.Tests (Azure.Bicep.CommandLine.linux-x64).");
        }

        // NuGet does not promise to keep the execute bit of a file it extracts.
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
