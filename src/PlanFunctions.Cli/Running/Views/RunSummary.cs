using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>What the end of a run is summed up with: how it ended, its steps, its error and its response.</summary>
/// <param name="Headline">The plan's name, the <c>runtimeStatus</c>, the outcome and how long it took.</param>
/// <param name="Steps">How many steps ended how.</param>
/// <param name="Error">Why a run that did not succeed ended so.</param>
/// <param name="Response">The run's final response.</param>
internal sealed record RunSummary(string Headline, string Steps, string? Error, string? Response)
{
    /// <summary>The summary of a run's final status document.</summary>
    public static RunSummary Of(OrchestrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var outcome = status.Output is { } output ? $" ({output.Outcome})" : string.Empty;
        var elapsed = Durations.Format(TimeSpan.FromSeconds(status.CustomStatus.ElapsedSeconds));
        var headline = $"{status.Name}: {status.RuntimeStatus}{outcome} in {elapsed}";
        return new RunSummary(headline, DescribeSteps(status), status.Output?.Error, status.Output?.Response);
    }

    private static string DescribeSteps(OrchestrationStatus status)
    {
        var total = status.CustomStatus.TotalSteps;
        var counts = (status.Output?.Steps.Values ?? [])
            .GroupBy(step => step.Status)
            .OrderBy(group => group.Key)
            .Select(group => $"{group.Count()} {group.Key.ToString().ToLowerInvariant()}");
        var steps = $"{total} {(total == 1 ? "step" : "steps")}";
        var breakdown = string.Join(", ", counts);
        return breakdown.Length == 0 ? steps : $"{steps}: {breakdown}";
    }
}
