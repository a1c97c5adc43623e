using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Tools.Tests.TestSupport;

/// <summary>A tool with any name whose parameter check does what the test says.</summary>
internal sealed class NamedTool(string name, Func<JsonElement, IEnumerable<(string Property, string Message)>>? check = null) : IPlanTool
{
    public string Name => name;

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => check?.Invoke(parameters) ?? [];

    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        Task.FromResult(ToolResult.Success(invocation.Parameters));
}
