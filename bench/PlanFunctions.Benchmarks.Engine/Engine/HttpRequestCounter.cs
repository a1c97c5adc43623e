using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>
/// Counts the HTTP requests this process sends to some ports (Azurite's), by method, from .NET's own
/// <c>http.client.request.duration</c> metric: every request the Azure SDK sends, whichever table it is for.
/// </summary>
internal sealed class HttpRequestCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> byMethod = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> secondsByMethod = new(StringComparer.Ordinal);
    private readonly int[] ports;

    public HttpRequestCounter(params int[] ports)
    {
        this.ports = ports;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    /// <summary>Requests so far, by HTTP method.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(byMethod, StringComparer.Ordinal);

    /// <summary>Seconds the requests so far took, by HTTP method (from send to response headers).</summary>
    public IReadOnlyDictionary<string, double> Seconds() => new Dictionary<string, double>(secondsByMethod, StringComparer.Ordinal);

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? method = null;
        var samePort = false;
        foreach (var tag in tags)
        {
            if (tag.Key == "server.port" && tag.Value is int p)
            {
                samePort = Array.IndexOf(ports, p) >= 0;
            }
            else if (tag.Key == "http.request.method")
            {
                method = tag.Value as string;
            }
        }

        if (samePort)
        {
            byMethod.AddOrUpdate(method ?? "?", 1, static (_, n) => n + 1);
            secondsByMethod.AddOrUpdate(method ?? "?", static (_, v) => v, static (_, total, v) => total + v, value);
        }
    }
}
