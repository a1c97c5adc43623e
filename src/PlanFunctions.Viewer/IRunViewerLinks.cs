using PlanFunctions.Core.Execution;

namespace PlanFunctions.Viewer;

/// <summary>
/// Where a host serves the viewer's pages and the API they call. Each URL carries the key when keys are on, the way
/// the host hands out its management URLs, so that a page opened with the key keeps it on every call it makes.
/// </summary>
public interface IRunViewerLinks
{
    /// <summary>The list of recent runs, filtered by a status or not.</summary>
    string RunList(RuntimeStatus? status);

    /// <summary>The page of one run.</summary>
    string Run(string instanceId);

    /// <summary>The run graph of one run, as JSON (see <see cref="Graph.RunGraph"/>).</summary>
    string Graph(string instanceId);

    /// <summary>One of the viewer's assets (<see cref="Assets.ViewerAssets"/>).</summary>
    string Asset(string name);

    /// <summary>The management URLs of one run.</summary>
    RunControlLinks Control(string instanceId);
}
