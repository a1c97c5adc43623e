using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>A tool that does nothing and succeeds at once: what is left of a step is the engine's own cost.</summary>
internal sealed class NoOpTool : IPlanTool
{
    public const string ToolName = "noop";

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    private static readonly Task<ToolResult> Done = Task.FromResult(ToolResult.Success(Empty));

    public string Name => ToolName;

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) => Done;
}
