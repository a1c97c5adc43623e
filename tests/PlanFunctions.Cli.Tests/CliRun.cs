namespace PlanFunctions.Cli.Tests;

/// <summary>What one run of the command line printed, and its exit code.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs <c>planfunctions</c> in this process with its output captured.</summary>
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PlanFunctionsCommandLine.InvokeAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
