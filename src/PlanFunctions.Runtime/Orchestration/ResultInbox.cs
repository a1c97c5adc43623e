namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// The step results delivered to a run and not yet recorded (group commit): each waits here until whoever next holds
/// the gate records every queued result in one append, and is acknowledged to its activity once that append is stored.
/// </summary>
internal sealed class ResultInbox
{
    private readonly List<(StepResultReport Report, TaskCompletionSource Delivered)> _pending = [];

    /// <summary>Whether results wait.</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>Queues a result; the task completes when the append that holds it is stored, or fails with it.</summary>
    public Task Add(StepResultReport report)
    {
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((report, delivered));
        return delivered.Task;
    }

    /// <summary>Takes every queued result, to record; acknowledge each with <see cref="Acknowledge"/> or <see cref="Fail"/>.</summary>
    public List<(StepResultReport Report, TaskCompletionSource Delivered)> TakeAll()
    {
        var taken = new List<(StepResultReport, TaskCompletionSource)>(_pending);
        _pending.Clear();
        return taken;
    }

    /// <summary>Fails every queued result: their activities deliver them again.</summary>
    public void FailAll(Exception exception)
    {
        Fail(_pending.Select(p => p.Delivered), exception);
        _pending.Clear();
    }

    /// <summary>Tells the activities that their results are stored.</summary>
    public static void Acknowledge(IEnumerable<TaskCompletionSource> delivered)
    {
        foreach (var d in delivered)
        {
            d.TrySetResult();
        }
    }

    /// <summary>Tells the activities that their results were not stored.</summary>
    public static void Fail(IEnumerable<TaskCompletionSource> delivered, Exception exception)
    {
        foreach (var d in delivered)
        {
            d.TrySetException(exception);
        }
    }
}
