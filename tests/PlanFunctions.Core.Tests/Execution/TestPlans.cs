using System.Text.Json;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Execution;

/// <summary>Small plans built in code, so that the state machine is tested apart from the reader.</summary>
internal static class TestPlans
{
    public static PlanStep Step(string id, string tool = "echo", object? parameters = null, params string[] dependsOn) => new()
    {
        Id = id,
        Tool = tool,
        Parameters = parameters is null ? null : JsonSerializer.SerializeToElement(parameters),
        DependsOn = dependsOn,
    };

    public static Plan Plan(params PlanStep[] steps) => new() { Name = "test plan", Steps = steps };

    public static RetryPolicy NoRetry { get; } = new() { MaxNumberOfAttempts = 1 };

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
