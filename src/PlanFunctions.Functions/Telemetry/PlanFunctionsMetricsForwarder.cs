using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Hosting;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Functions.Telemetry;

/// <summary>
/// Sends the measurements of the <c>PlanFunctions</c> meter to Application Insights as custom metrics (the classic
/// SDK that Azure Functions' isolated worker uses does not read <see cref="Meter"/>s): each instrument becomes a metric
/// of the same name, its tags the metric's dimensions, pre-aggregated per minute by the SDK. An up-down counter
/// (<c>planfunctions.runs.active</c>) is sent as its running level in this worker, not as its changes.
/// </summary>
public sealed class PlanFunctionsMetricsForwarder(TelemetryClient telemetry) : IHostedService, IDisposable
{
    /// <summary>The meter both engines record their metrics in.</summary>
    public const string MeterName = PlanFunctionsTelemetry.Name;

    // Application Insights metrics have at most 10 dimensions.
    private const int MaxDimensions = 10;

    private readonly ConcurrentDictionary<string, double> levels = new(StringComparer.Ordinal);
    private MeterListener? listener;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == MeterName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
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

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var count = Math.Min(tags.Length, MaxDimensions);
        var names = new string[count];
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = tags[i].Key;
            values[i] = tags[i].Value?.ToString() ?? string.Empty;
        }

        if (instrument is UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>)
        {
            value = levels.AddOrUpdate(instrument.Name + "|" + string.Join('|', values), value, (_, level) => level + value);
        }

        var metric = telemetry.GetMetric(new MetricIdentifier(MetricIdentifier.DefaultMetricNamespace, instrument.Name, names));
        if (metric.TryGetDataSeries(out var series, true, values))
        {
            series.TrackValue(value);
        }
    }
}
