namespace PlanFunctions.DurableTask;

/// <summary>The names under which the engine's orchestrator, activities and entities are registered and called.</summary>
public static class PlanFunctionsTaskNames
{
    /// <summary>The orchestrator that runs one plan.</summary>
    public const string RunPlan = "RunPlan";

    /// <summary>The activity that runs one attempt of a step.</summary>
    public const string ExecuteStep = "ExecuteStep";

    /// <summary>The activity that asks Azure OpenAI a step's AI condition.</summary>
    public const string EvaluateAiCondition = "EvaluateAiCondition";

    /// <summary>The activity that writes a run's final response.</summary>
    public const string WriteRunResponse = "WriteRunResponse";

    /// <summary>The entity holding one run's progress (key: the instance id). Durable Task stores entity names lower-case.</summary>
    public const string PlanMonitor = "PlanMonitor";

    /// <summary>The entity holding Core's events of one generation of a run (key: instance id, run token, generation).</summary>
    public const string RunJournal = "RunJournal";

    /// <summary>The activity that validates a bare plan handed to <c>RunPlan</c> and fills in the host's defaults.</summary>
    public const string PreparePlan = "PreparePlan";

    /// <summary>The entity holding the statistics counters (key: the shard number).</summary>
    public const string ExecutionStatistics = "ExecutionStatistics";
}
