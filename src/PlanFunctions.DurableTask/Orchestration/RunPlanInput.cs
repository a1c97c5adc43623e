using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>What a start hands the <c>RunPlan</c> orchestrator, and what <c>ContinueAsNew</c> carries to the next generation.</summary>
public sealed record RunPlanInput
{
    /// <summary>The plan, with the host's defaults already filled in.</summary>
    public required Plan Plan { get; init; }

    /// <summary>
    /// The run's Core events so far, set only by <c>ContinueAsNew</c>: the next generation folds them into the same
    /// <c>PlanRun</c> (to be replaced by Core's <c>PlanRunSnapshot</c> when it lands).
    /// </summary>
    public IReadOnlyList<RunEvent>? Events { get; init; }

    /// <summary>How many statistics shards the <c>ExecutionStatistics</c> entity is split over; 0 for the default (8).</summary>
    public int StatisticsShards { get; init; }

    /// <summary>
    /// After how many awaited results one generation of the orchestration continues as new (at the next moment no
    /// activity is in flight); 0 for the default (<see cref="RunPlanOrchestrator.DefaultTurnsPerGeneration"/>).
    /// </summary>
    public int TurnsPerGeneration { get; init; }

    /// <summary>The longest text a template may expand to; 0 for Core's default.</summary>
    public int MaxTemplateExpansionChars { get; init; }

    /// <summary>The largest step output the run keeps, as the host set it (0: Core's default).</summary>
    public int MaxStepOutputBytes { get; init; }
}
