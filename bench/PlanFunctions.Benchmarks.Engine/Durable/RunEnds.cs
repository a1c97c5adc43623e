using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>
/// Ends of runs seen in this process, as the orchestrator concludes them (before its last turn is committed), the same
/// moment for both Durable Task systems: the engine's <c>planfunctions.runs.*</c> end counters, the hand-written
/// orchestrators' end call. No storage polling, so that the requests counted are the systems' own.
/// </summary>
internal sealed class RunEnds : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long Target, TaskCompletionSource Done)> _waiters = new();
    private long _ended;

    public RunEnds()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlanFunctionsTelemetry.Name
                && instrument.Name is "planfunctions.runs.completed" or "planfunctions.runs.failed" or "planfunctions.runs.canceled" or "planfunctions.runs.terminated")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Add(value));
        _listener.Start();
        HandWrittenOrchestrators.Ended = _ => Add(1);
    }

    public long Count => Interlocked.Read(ref _ended);

    /// <summary>Waits until <paramref name="more"/> runs more than <paramref name="from"/> have ended.</summary>
    public async Task WaitAsync(long from, int more, TimeSpan timeout)
    {
        var target = from + more;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((target, done));
        Check();
        await done.Task.WaitAsync(timeout);
    }

    public void Dispose()
    {
        _listener.Dispose();
        HandWrittenOrchestrators.Ended = null;
    }

    private void Add(long value)
    {
        Interlocked.Add(ref _ended, value);
        Check();
    }

    private void Check()
    {
        var count = Count;
        foreach (var (target, done) in _waiters)
        {
            if (count >= target)
            {
                done.TrySetResult();
            }
        }
    }
}
