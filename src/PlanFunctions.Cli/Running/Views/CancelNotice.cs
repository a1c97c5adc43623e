namespace PlanFunctions.Cli.Running.Views;

/// <summary>What the plain views say on standard error when Ctrl+C has asked the run to cancel.</summary>
internal static class CancelNotice
{
    /// <summary>The line.</summary>
    public const string Text = "planfunctions: cancelling the run: running steps are being cancelled; press Ctrl+C again to stop at once";
}
