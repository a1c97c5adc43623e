using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>How <c>planfunctions run</c> shows a run: live on a terminal, line by line, or as one JSON document.</summary>
internal interface IRunView
{
    /// <summary>Shows the run as it goes, until the last snapshot (the one that finds it ended).</summary>
    Task FollowAsync(IAsyncEnumerable<RunSnapshot> snapshots, CancellationToken cancellationToken);

    /// <summary>Shows how the run ended, from its final status document.</summary>
    Task EndAsync(OrchestrationStatus status, CancellationToken cancellationToken);
}
