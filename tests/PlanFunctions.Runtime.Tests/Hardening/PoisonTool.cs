using System.Collections.Concurrent;
using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>
/// A tool that misbehaves the way real tools do, chosen by its <c>kind</c> parameter: it ignores its cancellation,
/// throws exceptions the engine does not expect, or returns what cannot be a step's output.
/// </summary>
internal sealed class PoisonTool : IPlanTool
{
    private static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);

    public string Name => "poison";

    /// <summary>How many times a step's tool was called, over all attempts.</summary>
    public static int CallsOf(string instanceId, string stepId) => Calls.GetValueOrDefault($"{instanceId}/{stepId}");

    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate($"{invocation.InstanceId}/{invocation.StepId}", 1, (_, n) => n + 1);
        switch (invocation.Parameters.GetProperty("kind").GetString())
        {
            case "ignoresCancellation":
                // Works on long past its deadline without ever looking at the token.
                await Task.Delay(TimeSpan.FromSeconds(60), CancellationToken.None);
                return ToolResult.Success(invocation.Parameters);
            case "blocksThread":
                Thread.Sleep(TimeSpan.FromSeconds(20));
                return ToolResult.Success(invocation.Parameters);
            case "aggregate":
                throw new AggregateException(new InvalidOperationException("first inner fault"), new IOException("second inner fault"));
            case "typeLoad":
                throw new TypeLoadException("Could not load type 'Vendor.Missing' from assembly 'Vendor, Version=1.0.0.0'.");
            case "unreadableMessage":
                throw new UnreadableMessageException();
            case "strayCancellation":
                // A cancellation of the tool's own making, not the engine's: its token has not fired.
                throw new OperationCanceledException("an inner request was cancelled");
            case "nullResult":
                return null!;
            case "undefinedOutput":
                return ToolResult.Success(default);
            case "tooDeep":
                var depth = invocation.Parameters.GetProperty("depth").GetInt32();
                var text = string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth));
                using (var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = depth + 1 }))
                {
                    return ToolResult.Success(document.RootElement);
                }

            default:
                return ToolResult.Success(invocation.Parameters);
        }
    }
}
