using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Entities;
using PlanFunctions.DurableTask;
using PlanFunctions.DurableTask.Entities;

namespace PlanFunctions.Functions.Entities;

/// <summary>The engine's entities as Durable Functions entity functions.</summary>
public static class EntityFunctions
{
    /// <summary>One run's progress (key: the instance id).</summary>
    [Function(PlanFunctionsTaskNames.PlanMonitor)]
    public static Task PlanMonitorAsync([EntityTrigger] TaskEntityDispatcher dispatcher) =>
        dispatcher.DispatchAsync<PlanMonitorEntity>();

    /// <summary>Core's events of one generation of one run (key: instance id, run token, generation).</summary>
    [Function(PlanFunctionsTaskNames.RunJournal)]
    public static Task RunJournalAsync([EntityTrigger] TaskEntityDispatcher dispatcher) =>
        dispatcher.DispatchAsync<RunJournalEntity>();

    /// <summary>One shard of the statistics counters (key: the shard number).</summary>
    [Function(PlanFunctionsTaskNames.ExecutionStatistics)]
    public static Task ExecutionStatisticsAsync([EntityTrigger] TaskEntityDispatcher dispatcher) =>
        dispatcher.DispatchAsync<ExecutionStatisticsEntity>();
}
