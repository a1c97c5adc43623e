using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>A tool that waits until its attempt is cancelled: keeps a run active without giving the engine any work.</summary>
internal sealed class WaitTool : IPlanTool
{
    public const string ToolName = "wait";

    public string Name => ToolName;

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("An infinite wait ended without cancellation.");
    }
}
