using System.Text.Json;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Tools.Tests.TestSupport;

internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ToolInvocation Invocation(string parameters, int attempt = 1) =>
        new("run-1", "step-1", attempt, Parse(parameters), DateTimeOffset.MaxValue);
}
