using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Core.Snapshots;

/// <summary>
/// A run's whole state, written so that it reads back exactly (<see cref="PlanRun.ToSnapshot"/>,
/// <see cref="PlanRun.FromSnapshot"/>): restoring it and applying the events that followed gives the run that folding
/// every event gives. An engine keeps a history bounded with it (a snapshot plus the events since) or rebuilds a run
/// faster than by replaying all of its events.
/// </summary>
/// <remarks>
/// Outputs and event payloads are kept as JSON text, so that a JSON <c>null</c> stays distinct from "none"; the timer
/// queues are kept in their internal order, so that timers due at the same moment fire in the same order after a restore.
/// </remarks>
public sealed record PlanRunSnapshot
{
    /// <summary>The version of this shape; a snapshot of another version is refused.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The version of this shape.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The run's instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The plan being run, as it was started.</summary>
    public required Plan Plan { get; init; }

    /// <summary>The run's status.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Whether the run has ended.</summary>
    public bool IsEnded { get; init; }

    /// <summary>Whether the run is suspended.</summary>
    public bool IsSuspended { get; init; }

    /// <summary>When the run was started.</summary>
    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the last event was applied.</summary>
    public required DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The run's deadline.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The number of events applied.</summary>
    public required int EventCount { get; init; }

    /// <summary>How often the run was rewound.</summary>
    public int Rewinds { get; init; }

    /// <summary>When the run's current deadline was set from its timeout: the last rewind; <see langword="null"/> for the start.</summary>
    public DateTimeOffset? DeadlineStart { get; init; }

    /// <summary>The end the last rewind took back, as the statistics counted it.</summary>
    public RunEndedReport? RewoundEnd { get; init; }

    /// <summary>Why the run did not succeed, once ended so.</summary>
    public string? Error { get; init; }

    /// <summary>The final response, once recorded.</summary>
    public string? Response { get; init; }

    /// <summary>The status a run that is winding down ends with.</summary>
    public RuntimeStatus? StopStatus { get; init; }

    /// <summary>The error a run that is winding down ends with.</summary>
    public string? StopError { get; init; }

    /// <summary>The index of the step dispatched last, or -1.</summary>
    public int LastDispatched { get; init; } = -1;

    /// <summary>Each step's state, in the plan's order.</summary>
    public required IReadOnlyList<PlanRunStepSnapshot> Steps { get; init; }

    /// <summary>The indexes of the steps waiting to be looked at, in queue order.</summary>
    public IReadOnlyList<int> Ready { get; init; } = [];

    /// <summary>The attempt deadlines, in the queue's internal order (stale entries included).</summary>
    public IReadOnlyList<PlanRunTimerSnapshot> AttemptDeadlines { get; init; } = [];

    /// <summary>The times retries are due, in the queue's internal order (stale entries included).</summary>
    public IReadOnlyList<PlanRunTimerSnapshot> RetriesDue { get; init; } = [];

    /// <summary>The steps waiting for each external event, by event name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> WaitingForEvent { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>The external events raised so far, by name: each payload as JSON text, or <see langword="null"/> for none.</summary>
    public IReadOnlyDictionary<string, string?> RaisedEvents { get; init; } = new Dictionary<string, string?>();

    /// <summary>The cancellations concluded by events applied but not yet handed out by a decision.</summary>
    public IReadOnlyList<CancelAttempt> Cancellations { get; init; } = [];

    /// <summary>The snapshot as JSON text (<see cref="PlanJson.Options"/>): the form to store or carry it in.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PlanJson.Options);

    /// <summary>Reads a snapshot written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a snapshot of this version.</exception>
    public static PlanRunSnapshot FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var snapshot = JsonSerializer.Deserialize<PlanRunSnapshot>(json, PlanJson.Options)
            ?? throw new JsonException("The run snapshot is null.");
        return snapshot.Version == CurrentVersion
            ? snapshot
            : throw new JsonException($"The run snapshot has version {snapshot.Version}; this engine reads version {CurrentVersion}.");
    }
}
