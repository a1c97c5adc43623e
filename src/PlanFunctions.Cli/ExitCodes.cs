namespace PlanFunctions.Cli;

/// <summary>The exit codes of <c>planfunctions</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; for <c>validate</c>, the plan is valid; for <c>run</c>, the run ended <c>Completed</c>.</summary>
    public const int Success = 0;

    /// <summary>The command line itself is wrong (an unknown command or option, a missing argument).</summary>
    public const int Usage = 1;

    /// <summary>For <c>run</c>: the run ended otherwise than <c>Completed</c> (Failed, Canceled, Terminated).</summary>
    public const int RunNotCompleted = 1;

    /// <summary>The plan is not valid, or could not be read, or the command failed.</summary>
    public const int Failed = 2;

    /// <summary>A setting (environment, <c>local.settings.json</c>, <c>host.json</c>) is wrong: the engine did not start.</summary>
    public const int BadSettings = PlanFunctions.Tools.Configuration.StartupErrors.ExitCode;
}
