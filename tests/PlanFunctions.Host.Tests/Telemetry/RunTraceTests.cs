using System.Diagnostics;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Host.Tests.Telemetry;

public sealed class RunTraceTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 31, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_traceparent_carried_to_an_attempt_names_the_run_context()
    {
        Assert.True(ActivityContext.TryParse(RunTrace.TraceParentOf("order-42", Created), null, isRemote: true, out var carried));

        var context = RunTrace.ContextOf("order-42", Created.ToOffset(TimeSpan.FromHours(2)));
        Assert.Equal((context.TraceId, context.SpanId, context.TraceFlags), (carried.TraceId, carried.SpanId, carried.TraceFlags));
    }

    [Fact]
    public void A_reused_instance_id_starts_a_new_trace()
    {
        var first = RunTrace.ContextOf("order-42", Created);
        var second = RunTrace.ContextOf("order-42", Created.AddTicks(1));

        Assert.NotEqual(first.TraceId, second.TraceId);
    }
}
