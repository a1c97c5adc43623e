using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PlanFunctions.Core.Execution;

namespace PlanFunctions.Tools.Telemetry;

/// <summary>
/// The trace of a run. A run outlives the activations and hosts that carry it, so no span can stay open for it
/// and no span id handed out at its start survives a restart. Instead the run's trace context is derived from
/// what its history keeps, its instance id and <see cref="PlanRun.CreatedTime"/>: the same trace id (Application
/// Insights' operation id) and the same run context span id on every host, after every restart.
/// </summary>
/// <remarks>
/// Every attempt span is a child of the run context, which travels to the activity grain as a W3C
/// <c>traceparent</c>. The run span is written when the run ends, from its created time to its end, as a child of
/// the run context too: .NET cannot emit a span under an id chosen in advance, so the run context itself is never
/// emitted and the run span and its attempts are siblings in one operation. Reusing an instance id gives a new
/// trace, since the created time differs.
/// </remarks>
public static class RunTrace
{
    /// <summary>The tag holding the instance id, on the run span and on each attempt span.</summary>
    public const string InstanceIdTag = "planfunctions.instance_id";

    /// <summary>The tag holding the step id of an attempt span.</summary>
    public const string StepIdTag = "planfunctions.step_id";

    /// <summary>The tag holding the tool of an attempt span.</summary>
    public const string ToolTag = "planfunctions.tool";

    /// <summary>The tag holding the attempt number (from 1) of an attempt span.</summary>
    public const string AttemptTag = "planfunctions.attempt";

    /// <summary>The run context: the trace id and parent span id every span of this run hangs under.</summary>
    public static ActivityContext ContextOf(string instanceId, DateTimeOffset createdTime)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{createdTime.UtcTicks}"), hash);

        // W3C forbids all-zero ids; a hash that begins with 16 or ends with 8 zero bytes is not worth a branch.
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]),
            ActivitySpanId.CreateFromBytes(hash[16..24]),
            ActivityTraceFlags.Recorded,
            traceState: null,
            isRemote: true);
    }

    /// <summary>The run context as a W3C <c>traceparent</c>, as it is carried to an attempt.</summary>
    public static string TraceParentOf(string instanceId, DateTimeOffset createdTime)
    {
        var context = ContextOf(instanceId, createdTime);
        return $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-01";
    }

    /// <summary>Starts the span of one attempt under the run context in <paramref name="traceParent"/>, if anyone listens.</summary>
    public static Activity? StartAttempt(string? traceParent, string instanceId, string stepId, string tool, int attempt)
    {
        if (!PlanFunctionsTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var parent);
        var span = PlanFunctionsTelemetry.ActivitySource.StartActivity("step " + stepId, ActivityKind.Internal, parent);
        span?.SetTag(InstanceIdTag, instanceId);
        span?.SetTag(StepIdTag, stepId);
        span?.SetTag(ToolTag, tool);
        span?.SetTag(AttemptTag, attempt);
        return span;
    }

    /// <summary>Writes the span of an ended run, from its created time to its last event, if anyone listens.</summary>
    public static void RecordRun(PlanRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!PlanFunctionsTelemetry.ActivitySource.HasListeners())
        {
            // Deriving the run context costs a hash: not worth it for a span nobody records.
            return;
        }

        using var span = PlanFunctionsTelemetry.ActivitySource.StartActivity(
            "run " + run.Plan.Name,
            ActivityKind.Server,
            ContextOf(run.InstanceId, run.CreatedTime),
            startTime: run.CreatedTime);
        if (span is null)
        {
            return;
        }

        span.SetTag(InstanceIdTag, run.InstanceId);
        span.SetTag("planfunctions.plan", run.Plan.Name);
        span.SetTag("planfunctions.runtime_status", run.RuntimeStatus.ToString());
        span.SetTag("planfunctions.steps", run.Plan.Steps.Count);
        switch (run.RuntimeStatus)
        {
            case RuntimeStatus.Completed:
                span.SetStatus(ActivityStatusCode.Ok);
                break;
            case RuntimeStatus.Failed:
                span.SetStatus(ActivityStatusCode.Error, run.Error);
                break;
        }

        span.SetEndTime(run.LastUpdatedTime.UtcDateTime);
    }
}
