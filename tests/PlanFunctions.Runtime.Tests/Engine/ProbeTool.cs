using System.Collections.Concurrent;
using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>
/// A tool that records every call it gets, so tests can see how often each step really ran. Parameters:
/// <c>ms</c> (how long it works; -1 until cancelled), <c>failTimes</c> (fails attempts 1..n, retryable),
/// <c>output</c> (what it returns; by default its parameters).
/// </summary>
internal sealed class ProbeTool : IPlanTool
{
    private static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Cancellations = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Hosts = new(StringComparer.Ordinal);

    public string Name => "probe";

    /// <summary>How many times a step's tool was called, over all attempts.</summary>
    public static int CallsOf(string instanceId, string stepId) => Calls.GetValueOrDefault($"{instanceId}/{stepId}");

    /// <summary>Whether a step's tool saw its cancellation token fire.</summary>
    public static bool WasCancelled(string instanceId, string stepId) => Cancellations.ContainsKey($"{instanceId}/{stepId}");

    /// <summary>Whether a step's tool is running now (called and not ended).</summary>
    public static bool IsRunning(string instanceId, string stepId) => Hosts.ContainsKey($"{instanceId}/{stepId}");

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var key = $"{invocation.InstanceId}/{invocation.StepId}";
        Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        var p = invocation.Parameters;
        var ms = p.TryGetProperty("ms", out var m) ? m.GetInt32() : 0;
        Hosts[key] = Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (ms != 0)
            {
                await Task.Delay(ms < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancellations[key] = DateTimeOffset.UtcNow;
            throw;
        }
        finally
        {
            Hosts.TryRemove(key, out _);
        }

        if (p.TryGetProperty("failTimes", out var f) && invocation.Attempt <= f.GetInt32())
        {
            return ToolResult.Failure($"probe failure {invocation.Attempt}", retryable: true);
        }

        return ToolResult.Success(p.TryGetProperty("output", out var output) ? output : p);
    }
}
