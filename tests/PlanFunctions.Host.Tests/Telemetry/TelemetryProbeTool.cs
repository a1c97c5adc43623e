using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Host.Tests.Telemetry;

/// <summary>
/// Fails attempts 1..<c>failTimes</c> (retryable), then succeeds. Its own name sets its measurements apart from
/// those of the other tests that run in this process at the same time.
/// </summary>
internal sealed class TelemetryProbeTool : IPlanTool
{
    public const string ToolName = "telemetry-probe";

    public string Name => ToolName;

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var failTimes = invocation.Parameters.TryGetProperty("failTimes", out var value) ? value.GetInt32() : 0;
        return Task.FromResult(invocation.Attempt <= failTimes
            ? ToolResult.Failure($"attempt {invocation.Attempt} of {failTimes} failing", retryable: true)
            : ToolResult.Success(JsonSerializer.SerializeToElement(new { invocation.Attempt })));
    }
}
