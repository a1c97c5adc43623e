using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Tools.Tests.TestSupport;

/// <summary>A user's own tool, as the AddPlanFunctionsTool example shows it.</summary>
public sealed class ShoutTool : IPlanTool
{
    public string Name => "shout";

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) =>
        parameters.TryGetProperty("text", out _) ? [] : [("text", "is required")];

    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(ToolResult.Success(JsonSerializer.SerializeToElement(
            invocation.Parameters.GetProperty("text").GetString()!.ToUpperInvariant())));
}
