using System.Collections.Concurrent;
using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>The <c>count</c> tool: counts how often each step of each run was executed, then waits a little (<c>ms</c>) so that attempts overlap.</summary>
public sealed class CountingTool : IPlanTool
{
    private static readonly ConcurrentDictionary<(string InstanceId, string StepId), int> Runs = new();

    /// <inheritdoc/>
    public string Name => "count";

    /// <summary>How often each step of <paramref name="instanceId"/> was executed.</summary>
    public static IReadOnlyDictionary<string, int> RunsOf(string instanceId) =>
        Runs.Where(r => r.Key.InstanceId == instanceId).ToDictionary(r => r.Key.StepId, r => r.Value, StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    /// <inheritdoc/>
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Runs.AddOrUpdate((invocation.InstanceId, invocation.StepId), 1, (_, n) => n + 1);
        if (invocation.Parameters.ValueKind == JsonValueKind.Object && invocation.Parameters.TryGetProperty("ms", out var ms) && ms.TryGetInt32(out var wait) && wait > 0)
        {
            await Task.Delay(wait, cancellationToken);
        }

        return ToolResult.Success(JsonSerializer.SerializeToElement(new { step = invocation.StepId }));
    }
}
