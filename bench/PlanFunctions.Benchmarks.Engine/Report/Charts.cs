using PlanFunctions.Benchmarks.Engine.Scenarios;
using ScottPlot;

namespace PlanFunctions.Benchmarks.Engine.Report;

/// <summary>The PNG charts of docs/benchmarks: throughput by workload and system, and scale by silo count.</summary>
internal static class Charts
{
    private const int Width = 900;
    private const int Height = 480;

    public static void Write(BenchResults r, string folder)
    {
        Directory.CreateDirectory(folder);
        Throughput(r, Path.Combine(folder, "throughput.png"));
        Scale(r, Path.Combine(folder, "scale.png"));
    }

    private static void Throughput(BenchResults r, string path)
    {
        var systems = new (string Label, Color Color, WorkloadResult?[] Workloads)[]
        {
            ("engine, memory", Colors.SteelBlue, [r.MemoryChain, r.MemoryFanOut, r.MemoryConcurrent]),
            ("engine, Azurite", Colors.DarkOrange, [r.AzuriteChain, r.AzuriteFanOut, r.AzuriteConcurrent]),
            ("Hangfire, memory", Colors.SeaGreen, [r.HangfireChain, null, r.HangfireConcurrent]),
        };
        string[] workloads = ["chain", "fan-out and join", "concurrent 5-step runs"];

        var plot = new Plot();
        var bars = new List<Bar>();
        for (var w = 0; w < workloads.Length; w++)
        {
            for (var s = 0; s < systems.Length; s++)
            {
                if (systems[s].Workloads[w] is { } result)
                {
                    bars.Add(new Bar
                    {
                        Position = (w * (systems.Length + 1)) + s,
                        Value = result.StepsPerSecond,
                        FillColor = systems[s].Color,
                        Label = result.StepsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    });
                }
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        Ticks(plot, [.. workloads.Select((_, w) => (w * (systems.Length + 1)) + 1.0)], workloads);
        foreach (var (label, color, _) in systems)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0, top: 0.25);
        plot.Title($"Throughput by workload ({r.Machine.Cores} cores, shared machine)");
        plot.YLabel("steps per second");
        plot.SavePng(path, Width, Height);
    }

    private static void Scale(BenchResults r, string path)
    {
        if (r.Scale.Count == 0)
        {
            return;
        }

        var plot = new Plot();
        var bars = r.Scale.Select(s => new Bar
        {
            Position = s.Silos,
            Value = s.Workload.StepsPerSecond,
            FillColor = Colors.SteelBlue,
            Label = s.Workload.StepsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        plot.Add.Bars(bars);
        Ticks(plot, [.. r.Scale.Select(s => (double)s.Silos)], [.. r.Scale.Select(s => $"{s.Silos} silo{(s.Silos == 1 ? string.Empty : "s")}")]);
        plot.Title($"{r.Scale[0].Workload.StepsPerRun:N0}-step fan-out by silo count (one process, {r.Machine.Cores} cores)");
        plot.YLabel("steps per second");
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.SavePng(path, Width * 2 / 3, Height);
    }

    private static void Ticks(Plot plot, double[] positions, string[] labels)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
    }
}
