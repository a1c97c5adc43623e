using System.ComponentModel.DataAnnotations;
using PlanFunctions.Client.Hosting;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.DurableTask.Hosting;

/// <summary>
/// The Durable Task engine's settings, read from <c>extensions:durableTask</c> (host.json in a Function App): those
/// both engines read, with the Orleans engine's names and defaults (<see cref="PlanEngineOptions"/>), and this
/// engine's own.
/// </summary>
/// <remarks>
/// <see cref="PlanEngineOptions.MaxConcurrentRunsPerHost"/> is enforced by Durable Task, not by the engine: the local
/// runner takes it as the most orchestration work items one worker runs at once; a Function App sets Durable Functions'
/// own <c>maxConcurrentOrchestratorFunctions</c> (docs/semantics.md).
/// </remarks>
public sealed class DurableTaskEngineOptions : PlanEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>
    /// After how many awaited results one generation of a run's orchestration stops starting attempts, lets those in
    /// flight finish and continues as new with Core's snapshot, keeping its history short.
    /// </summary>
    [Range(10, 100_000)]
    public int TurnsPerGeneration { get; set; } = 500;

    /// <summary>The input of a run's first generation: the plan with the host's defaults, and the host's settings the orchestrator needs.</summary>
    /// <param name="plan">The plan, validated.</param>
    /// <param name="runToken">Tells this run apart from others under the same instance id.</param>
    /// <param name="startedAt">When the run was accepted; <see langword="null"/> for the orchestrator's first turn.</param>
    public RunPlanInput ToRunInput(Plan plan, string runToken, DateTimeOffset? startedAt) => new()
    {
        Plan = WithHostDefaults(plan),
        StartedAt = startedAt,
        RunToken = runToken,
        StatisticsShards = StatisticsShards,
        TurnsPerGeneration = TurnsPerGeneration,
        MonitorUpdateInterval = MonitorUpdateInterval,
        Limits = ToPlanLimits(),
    };
}
