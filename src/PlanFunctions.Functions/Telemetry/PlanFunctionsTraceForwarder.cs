using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility.Implementation;
using Microsoft.Extensions.Hosting;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Functions.Telemetry;

/// <summary>
/// Sends the spans of the <c>PlanFunctions</c> activity source to Application Insights (the classic SDK that Azure
/// Functions' isolated worker uses does not read <see cref="ActivitySource"/>s): a run span as a request, each step
/// attempt as an in-process dependency, with the span's trace id as the operation id and its parent as the operation's
/// parent, so that a run and its attempts make one operation. Their tags become custom properties.
/// </summary>
public sealed class PlanFunctionsTraceForwarder(TelemetryClient telemetry) : IHostedService, IDisposable
{
    /// <summary>The activity source both engines write their spans to.</summary>
    public const string SourceName = PlanFunctionsTelemetry.Name;

    private ActivityListener? listener;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Send,
        };
        ActivitySource.AddActivityListener(listener);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        listener?.Dispose();
        listener = null;
        telemetry.Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => listener?.Dispose();

    private void Send(Activity span)
    {
        OperationTelemetry item = span.Kind == ActivityKind.Server
            ? new RequestTelemetry { ResponseCode = span.Status == ActivityStatusCode.Error ? "Failed" : "Ok" }
            : new DependencyTelemetry { Type = "InProc", Target = SourceName };
        item.Name = span.DisplayName;
        item.Id = span.SpanId.ToHexString();
        item.Timestamp = span.StartTimeUtc;
        item.Duration = span.Duration;
        item.Success = span.Status != ActivityStatusCode.Error;
        item.Context.Operation.Id = span.TraceId.ToHexString();
        item.Context.Operation.Name = span.DisplayName;
        if (span.ParentSpanId != default)
        {
            item.Context.Operation.ParentId = span.ParentSpanId.ToHexString();
        }

        foreach (var (name, value) in span.TagObjects)
        {
            item.Properties[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        if (span.Status == ActivityStatusCode.Error && span.StatusDescription is { Length: > 0 } error)
        {
            item.Properties["error"] = error;
        }

        switch (item)
        {
            case RequestTelemetry request:
                telemetry.TrackRequest(request);
                break;
            case DependencyTelemetry dependency:
                telemetry.TrackDependency(dependency);
                break;
        }
    }
}
