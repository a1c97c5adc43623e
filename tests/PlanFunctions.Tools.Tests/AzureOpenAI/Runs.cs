using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Plans;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

/// <summary>Ended runs, as the engine hands them to the run assistant.</summary>
internal static class Runs
{
    public const string FetchError = "HTTP 503 (Service Unavailable) from GET https://example.test/orders";

    /// <summary>
    /// fetch failed; parse depends on it and report on parse, so both were skipped; audit ran on its own; notify's
    /// condition was false.
    /// </summary>
    public static RunResponseRequest FailedFetch(bool stopOnFailure = false)
    {
        var plan = new Plan
        {
            Name = "Morning report",
            Goal = "Summarise new orders",
            Steps =
            [
                new PlanStep { Id = "fetch", Tool = "http", StopOnFailure = stopOnFailure },
                new PlanStep { Id = "parse", Tool = "echo", DependsOn = ["fetch"] },
                new PlanStep { Id = "report", Tool = "ai.chat", DependsOn = ["parse"] },
                new PlanStep { Id = "audit", Tool = "echo" },
                new PlanStep { Id = "notify", Tool = "echo" },
            ],
        };
        var steps = new Dictionary<string, StepOutcome>
        {
            ["fetch"] = new() { Status = StepStatus.Failed, Attempts = 3, Error = FetchError },
            ["parse"] = new() { Status = StepStatus.Skipped, Error = "dependency 'fetch' ended Failed" },
            ["report"] = new() { Status = StepStatus.Skipped, Error = "dependency 'parse' ended Skipped" },
            ["audit"] = stopOnFailure
                ? new() { Status = StepStatus.Cancelled, Attempts = 1, Error = "cancelled: step 'fetch' failed" }
                : new() { Status = StepStatus.Succeeded, Attempts = 1, Output = Json.Parse("""{ "ok": true }""") },
            ["notify"] = new() { Status = StepStatus.Skipped, Error = "condition was false: input.notify" },
        };
        return new RunResponseRequest(
            plan, RuntimeStatus.Failed, steps, $"step 'fetch' failed: {FetchError}",
            "Plan 'Morning report' (goal: Summarise new orders) ended Failed: 1 of 5 steps succeeded, 1 failed, 3 skipped.");
    }

    /// <summary>Two steps that succeeded; the second one's output is <paramref name="countOutput"/>.</summary>
    public static RunResponseRequest Completed(string countOutput = """{ "n": 3 }""")
    {
        var plan = new Plan
        {
            Name = "Morning report",
            Goal = "Summarise new orders",
            Steps = [new PlanStep { Id = "fetch", Tool = "http" }, new PlanStep { Id = "count", Tool = "echo", DependsOn = ["fetch"] }],
        };
        var steps = new Dictionary<string, StepOutcome>
        {
            ["fetch"] = new() { Status = StepStatus.Succeeded, Attempts = 1, Output = Json.Parse("""{ "status": 200, "body": { "total": 3 } }""") },
            ["count"] = new() { Status = StepStatus.Succeeded, Attempts = 2, Output = Json.Parse(countOutput) },
        };
        return new RunResponseRequest(plan, RuntimeStatus.Completed, steps, null, "Plan 'Morning report' ended Completed: 2 of 2 steps succeeded.");
    }
}
