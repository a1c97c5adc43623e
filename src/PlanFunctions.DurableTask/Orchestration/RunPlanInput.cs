using System.Text.Json;
using System.Text.Json.Serialization;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Snapshots;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>
/// What a start hands the <c>RunPlan</c> orchestrator (<see cref="Plan"/>), and what <c>ContinueAsNew</c> carries to the
/// next generation (<see cref="Snapshot"/> and <see cref="Generation"/>). The orchestrator also takes a bare plan, as
/// Durable Functions' own start route hands it: see <see cref="RunPlanOrchestrator"/>.
/// </summary>
public sealed record RunPlanInput
{
    /// <summary>The plan, with the host's defaults already filled in; set for the first generation only.</summary>
    public Plan? Plan { get; init; }

    /// <summary>Core's state of the run at the end of the previous generation (<see cref="PlanRun.ToSnapshot"/>); set from the second generation on.</summary>
    public PlanRunSnapshot? Snapshot { get; init; }

    /// <summary>
    /// When the run was accepted (the client's clock): the time of its RunStarted event, so that the client can show
    /// the run's start before the orchestrator's first turn. <see langword="null"/> for the orchestrator's clock.
    /// </summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Which generation of the run this is, from 0: the key of its <c>RunJournal</c>.</summary>
    public int Generation { get; init; }

    /// <summary>Tells apart runs that reuse an instance id: part of every <c>RunJournal</c> key of the run.</summary>
    public string? RunToken { get; init; }

    /// <summary>
    /// Set by a rewind of the ended run whose state <see cref="Snapshot"/> holds: this generation starts by recording
    /// Core's rewind (<c>RunRewound</c>), which Core may still refuse (then nothing changes).
    /// </summary>
    public bool Rewind { get; init; }

    /// <summary>Why the run was rewound, as the rewind request said.</summary>
    public string? RewindReason { get; init; }

    /// <summary>How many statistics shards the <c>ExecutionStatistics</c> entity is split over; 0 for the default (8).</summary>
    public int StatisticsShards { get; init; }

    /// <summary>
    /// After how many awaited results one generation of the orchestration stops starting attempts, lets those in
    /// flight finish and continues as new; 0 for the default (<see cref="RunPlanOrchestrator.DefaultTurnsPerGeneration"/>).
    /// </summary>
    public int TurnsPerGeneration { get; init; }

    /// <summary>How far the monitor entity and the journal may lag behind the run; <see langword="null"/> for 1 second.</summary>
    public TimeSpan? MonitorUpdateInterval { get; init; }

    /// <summary>The limits the run is held to, as the host set them; <see langword="null"/> for Core's defaults.</summary>
    public PlanLimits? Limits { get; init; }

    /// <summary>The run's first event, as the orchestrator records it (when <see cref="StartedAt"/> is known).</summary>
    public RunStarted? StartEvent(string instanceId) => Plan is not null && StartedAt is { } at
        ? new RunStarted { Timestamp = at, InstanceId = instanceId, Plan = Plan }
        : null;

    /// <summary>The plan the run runs, from <see cref="Plan"/> or <see cref="Snapshot"/>.</summary>
    [JsonIgnore]
    public Plan? RunPlan => Plan ?? Snapshot?.Plan;

    /// <summary>
    /// Reads an orchestration's input: a <see cref="RunPlanInput"/> (an object with <c>plan</c> or <c>snapshot</c>), or
    /// <see langword="null"/> for anything else, which the orchestrator takes for a bare plan.
    /// </summary>
    public static RunPlanInput? TryRead(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object || input.TryGetProperty("steps", out _)
            || !(input.TryGetProperty("plan", out _) || input.TryGetProperty("snapshot", out _)))
        {
            return null;
        }

        var read = input.Deserialize<RunPlanInput>(PlanJson.Options);
        return read?.RunPlan is null ? null : read;
    }
}
