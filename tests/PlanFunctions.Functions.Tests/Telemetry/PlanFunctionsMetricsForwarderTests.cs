using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using PlanFunctions.Functions.Telemetry;

namespace PlanFunctions.Functions.Tests.Telemetry;

public sealed class PlanFunctionsMetricsForwarderTests : IDisposable
{
    private readonly CapturingChannel _channel = new();
    private readonly TelemetryConfiguration _configuration;
    private readonly Meter _meter = new(PlanFunctionsMetricsForwarder.MeterName);
    private readonly Meter _other = new("SomethingElse");

    public PlanFunctionsMetricsForwarderTests() =>
        _configuration = new TelemetryConfiguration { ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001", TelemetryChannel = _channel };

    [Fact]
    public async Task The_PlanFunctions_meter_reaches_Application_Insights_as_metrics_with_its_tags_as_dimensions()
    {
        using var forwarder = new PlanFunctionsMetricsForwarder(new TelemetryClient(_configuration));
        await forwarder.StartAsync(CancellationToken.None);
        var executed = _meter.CreateCounter<long>("planfunctions.steps.executed");
        var duration = _meter.CreateHistogram<double>("planfunctions.step.duration");
        var active = _meter.CreateUpDownCounter<long>("planfunctions.runs.active");
        var ignored = _other.CreateCounter<long>("something.else");

        executed.Add(1, new KeyValuePair<string, object?>("tool", "echo"));
        executed.Add(1, new KeyValuePair<string, object?>("tool", "echo"));
        executed.Add(1, new KeyValuePair<string, object?>("tool", "http"));
        duration.Record(0.5);
        duration.Record(1.5);
        active.Add(1);
        active.Add(1);
        active.Add(-1);
        ignored.Add(7);
        await forwarder.StopAsync(CancellationToken.None);

        var metrics = _channel.Items.OfType<MetricTelemetry>().ToList();
        var echo = Assert.Single(metrics, m => m.Name == "planfunctions.steps.executed" && m.Properties["tool"] == "echo");
        Assert.Equal(2, echo.Sum);
        Assert.Equal(1, Assert.Single(metrics, m => m.Name == "planfunctions.steps.executed" && m.Properties["tool"] == "http").Sum);
        var durations = Assert.Single(metrics, m => m.Name == "planfunctions.step.duration");
        Assert.Equal(2, durations.Count);
        Assert.Equal(1.5, durations.Max);
        var level = Assert.Single(metrics, m => m.Name == "planfunctions.runs.active");
        Assert.Equal(2, level.Max);
        Assert.Equal(1, level.Min);
        Assert.DoesNotContain(metrics, m => m.Name == "something.else");
    }

    public void Dispose()
    {
        _meter.Dispose();
        _other.Dispose();
        _configuration.Dispose();
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
