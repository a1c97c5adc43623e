using System.Diagnostics;
using System.Diagnostics.Metrics;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Tools.Telemetry;

/// <summary>
/// The engine's metrics and traces: a <see cref="Meter"/> and an <see cref="ActivitySource"/> named
/// <c>PlanFunctions</c>, exported to Application Insights by the host when it is configured.
/// </summary>
public static class PlanFunctionsTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "PlanFunctions";

    /// <summary>The traces: a span per run and per step attempt.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Runs started.</summary>
    public static Counter<long> RunsStarted { get; } = Meter.CreateCounter<long>("planfunctions.runs.started", "{run}", "Runs started");

    /// <summary>Runs that ended Completed.</summary>
    public static Counter<long> RunsCompleted { get; } = Meter.CreateCounter<long>("planfunctions.runs.completed", "{run}", "Runs that completed");

    /// <summary>Runs that ended Failed.</summary>
    public static Counter<long> RunsFailed { get; } = Meter.CreateCounter<long>("planfunctions.runs.failed", "{run}", "Runs that failed");

    /// <summary>Runs that ended Canceled.</summary>
    public static Counter<long> RunsCanceled { get; } = Meter.CreateCounter<long>("planfunctions.runs.canceled", "{run}", "Runs that were canceled");

    /// <summary>Runs that ended Terminated.</summary>
    public static Counter<long> RunsTerminated { get; } = Meter.CreateCounter<long>("planfunctions.runs.terminated", "{run}", "Runs that were terminated");

    /// <summary>Runs under way in this host's activations: counted up when a run starts or an unfinished run is loaded, down when it ends or its activation goes.</summary>
    public static UpDownCounter<long> ActiveRuns { get; } = Meter.CreateUpDownCounter<long>("planfunctions.runs.active", "{run}", "Runs under way");

    /// <summary>How long runs took, start to end.</summary>
    public static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("planfunctions.run.duration", "s", "Run duration");

    /// <summary>Step attempts started, by tool.</summary>
    public static Counter<long> StepsDispatched { get; } = Meter.CreateCounter<long>("planfunctions.steps.executed", "{attempt}", "Step attempts started");

    /// <summary>Step attempts after the first (retries), by tool.</summary>
    public static Counter<long> StepsRetried { get; } = Meter.CreateCounter<long>("planfunctions.steps.retried", "{attempt}", "Step attempts that retried a step");

    /// <summary>Steps that finally failed (no attempt left, or not retryable), by tool.</summary>
    public static Counter<long> StepsFailed { get; } = Meter.CreateCounter<long>("planfunctions.steps.failed", "{step}", "Steps that failed");

    /// <summary>How long step attempts took, by tool.</summary>
    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>("planfunctions.step.duration", "s", "Step attempt duration");

    /// <summary>Step attempts that timed out, by tool.</summary>
    public static Counter<long> StepsTimedOut { get; } = Meter.CreateCounter<long>("planfunctions.steps.timed_out", "{attempt}", "Step attempts that timed out");

    /// <summary>Steps skipped, by tool.</summary>
    public static Counter<long> StepsSkipped { get; } = Meter.CreateCounter<long>("planfunctions.steps.skipped", "{step}", "Steps skipped");

    /// <summary>Records the end of a run in the run counters (not in <see cref="ActiveRuns"/>, which its activation keeps).</summary>
    public static void RecordRunEnded(RuntimeStatus status, double durationSeconds)
    {
        var counter = status switch
        {
            RuntimeStatus.Completed => RunsCompleted,
            RuntimeStatus.Failed => RunsFailed,
            RuntimeStatus.Canceled => RunsCanceled,
            _ => RunsTerminated,
        };
        counter.Add(1);
        RunDuration.Record(durationSeconds, new KeyValuePair<string, object?>("runtimeStatus", status.ToString()));
    }

    /// <summary>Records what a stored batch of step events counts (<see cref="RunStatistics.CountSteps"/>), each tagged with its tool.</summary>
    public static void RecordSteps(IReadOnlyList<StepCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            var counter = count.Metric switch
            {
                StepMetric.Dispatched => StepsDispatched,
                StepMetric.Retried => StepsRetried,
                StepMetric.TimedOut => StepsTimedOut,
                StepMetric.Failed => StepsFailed,
                _ => StepsSkipped,
            };
            counter.Add(1, new KeyValuePair<string, object?>("tool", count.Tool));
        }
    }
}
