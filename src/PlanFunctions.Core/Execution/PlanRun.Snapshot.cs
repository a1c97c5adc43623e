using System.Text.Json;
using PlanFunctions.Core.Graph;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Snapshots;

namespace PlanFunctions.Core.Execution;

/// <summary>The run written as a <see cref="PlanRunSnapshot"/> and read back.</summary>
public sealed partial class PlanRun
{
    /// <summary>The run's whole state, to restore with <see cref="FromSnapshot"/> instead of replaying its events.</summary>
    public PlanRunSnapshot ToSnapshot()
    {
        _ = Graph;
        return new PlanRunSnapshot
        {
            InstanceId = InstanceId,
            Plan = Plan,
            RuntimeStatus = RuntimeStatus,
            IsEnded = IsEnded,
            IsSuspended = IsSuspended,
            CreatedTime = CreatedTime,
            LastUpdatedTime = LastUpdatedTime,
            Deadline = Deadline,
            EventCount = EventCount,
            Rewinds = Rewinds,
            DeadlineStart = _deadlineStart == CreatedTime ? null : _deadlineStart,
            RewoundEnd = RewoundEnd,
            Error = Error,
            Response = Response,
            StopStatus = _stopStatus,
            StopError = _stopError,
            LastDispatched = _lastDispatched,
            Steps = [.. _steps.Select(s => new PlanRunStepSnapshot
            {
                Status = s.Status,
                Attempts = s.Attempts,
                AttemptsBeforeRewind = s.AttemptsBeforeRewind,
                Timeouts = s.Timeouts,
                Output = s.Output?.GetRawText(),
                Error = s.Error,
                StartedTime = s.StartedTime,
                CompletedTime = s.CompletedTime,
                AttemptDeadline = s.AttemptDeadline,
                AttemptTimeoutSeconds = s.AttemptTimeoutSeconds,
                NextAttemptTime = s.NextAttemptTime,
                RemainingDependencies = s.RemainingDependencies,
                Condition = s.Condition,
                WaitingForEvent = s.WaitingForEvent,
            })],
            Ready = [.. _ready],
            AttemptDeadlines = TimersOf(_attemptDeadlines),
            RetriesDue = TimersOf(_retriesDue),
            WaitingForEvent = _waitingForEvent.ToDictionary(w => w.Key, w => (IReadOnlyList<int>)[.. w.Value], StringComparer.Ordinal),
            RaisedEvents = _raisedEvents.ToDictionary(e => e.Key, e => e.Value?.GetRawText(), StringComparer.Ordinal),
            Cancellations = [.. _cancellations],
        };
    }

    /// <summary>Restores a run from <see cref="ToSnapshot"/>; applying the events that followed the snapshot carries it on.</summary>
    /// <exception cref="ArgumentException">The snapshot does not fit its plan (a step count or index that does not match).</exception>
    public static PlanRun FromSnapshot(PlanRunSnapshot snapshot, PlanLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var graph = PlanGraph.Build(snapshot.Plan);
        if (snapshot.Steps.Count != graph.Count)
        {
            throw new ArgumentException($"The snapshot holds {snapshot.Steps.Count} steps; its plan has {graph.Count}.", nameof(snapshot));
        }

        var run = new PlanRun(limits)
        {
            _graph = graph,
            InstanceId = snapshot.InstanceId,
            RuntimeStatus = snapshot.RuntimeStatus,
            IsEnded = snapshot.IsEnded,
            IsSuspended = snapshot.IsSuspended,
            CreatedTime = snapshot.CreatedTime,
            LastUpdatedTime = snapshot.LastUpdatedTime,
            Deadline = snapshot.Deadline,
            EventCount = snapshot.EventCount,
            Rewinds = snapshot.Rewinds,
            _deadlineStart = snapshot.DeadlineStart ?? snapshot.CreatedTime,
            RewoundEnd = snapshot.RewoundEnd,
            Error = snapshot.Error,
            Response = snapshot.Response,
            _stopStatus = snapshot.StopStatus,
            _stopError = snapshot.StopError,
            _lastDispatched = CheckIndex(snapshot.LastDispatched, graph.Count, allowNone: true),
        };
        run._steps = [.. snapshot.Steps.Select(s => new StepRunState
        {
            Status = s.Status,
            Attempts = s.Attempts,
            AttemptsBeforeRewind = s.AttemptsBeforeRewind,
            Timeouts = s.Timeouts,
            Output = s.Output is null ? null : ParseJson(s.Output),
            Error = s.Error,
            StartedTime = s.StartedTime,
            CompletedTime = s.CompletedTime,
            AttemptDeadline = s.AttemptDeadline,
            AttemptTimeoutSeconds = s.AttemptTimeoutSeconds,
            NextAttemptTime = s.NextAttemptTime,
            RemainingDependencies = s.RemainingDependencies,
            Condition = s.Condition,
            WaitingForEvent = s.WaitingForEvent,
        })];
        foreach (var step in run._steps)
        {
            run._statusCounts[(int)step.Status]++;
            if (step.IsEnded)
            {
                run._endedSteps++;
            }
        }

        foreach (var index in snapshot.Ready)
        {
            run._ready.Enqueue(CheckIndex(index, graph.Count));
        }

        // Enqueued in the heap's own order, each lands where it was: ties keep their order.
        foreach (var timer in snapshot.AttemptDeadlines)
        {
            run._attemptDeadlines.Enqueue(new RunTimer(CheckIndex(timer.StepIndex, graph.Count), timer.Attempt), timer.Due);
        }

        foreach (var timer in snapshot.RetriesDue)
        {
            run._retriesDue.Enqueue(new RunTimer(CheckIndex(timer.StepIndex, graph.Count), timer.Attempt), timer.Due);
        }

        foreach (var (name, waiting) in snapshot.WaitingForEvent)
        {
            run._waitingForEvent[name] = [.. waiting.Select(i => CheckIndex(i, graph.Count))];
        }

        foreach (var (name, payload) in snapshot.RaisedEvents)
        {
            run._raisedEvents[name] = payload is null ? null : ParseJson(payload);
        }

        run._cancellations.AddRange(snapshot.Cancellations);
        return run;
    }

    private static List<PlanRunTimerSnapshot> TimersOf(PriorityQueue<RunTimer, DateTimeOffset> timers) =>
        [.. timers.UnorderedItems.Select(t => new PlanRunTimerSnapshot(t.Element.StepIndex, t.Element.Attempt, t.Priority))];

    private static int CheckIndex(int index, int count, bool allowNone = false) =>
        index >= 0 && index < count || (allowNone && index == -1)
            ? index
            : throw new ArgumentException($"The snapshot names step index {index}; its plan has {count} steps.", "snapshot");

    private static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return document.RootElement.Clone();
    }
}
