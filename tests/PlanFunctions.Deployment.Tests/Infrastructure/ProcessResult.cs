namespace PlanFunctions.Deployment.Tests.Infrastructure;

/// <summary>What a finished process left: its exit code and both streams.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything it wrote, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}
