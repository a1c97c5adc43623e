using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Benchmarks.Engine.Scenarios;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Benchmarks.Engine;

/// <summary>
/// Repeats one workload at the size so that a profiler has something steady to sample, for example
/// <c>dotnet-trace collect -- dotnet bin/Release/net10.0/PlanFunctions.Benchmarks.Engine.dll --profile concurrent</c>.
/// Prints each repetition and writes no report.
/// </summary>
internal static class Profiling
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workload = args.Length > 0 ? args[0] : "concurrent";
        var onAzurite = args.Length > 1 && string.Equals(args[1], "azurite", StringComparison.OrdinalIgnoreCase);
        var repetitions = args.Length > 2 && int.TryParse(args[2], out var r) ? r : 10;
        var (plan, runs) = workload switch
        {
            "chain" => (EnginePlans.Chain(1_000), 1),
            "fan-out" => (EnginePlans.FanOut(1_000), 1),
            "concurrent" => (EnginePlans.Chain(BenchSizes.StepsPerSmallRun), 1_000),
            _ => throw new ArgumentException($"Unknown workload '{workload}': use chain, fan-out or concurrent."),
        };

        AzuriteFixture? azurite = null;
        if (onAzurite)
        {
            azurite = new AzuriteFixture();
            await azurite.InitializeAsync();
        }

        try
        {
            using var http = azurite is null ? null : new HttpRequestCounter(azurite.Port);
            await using var host = await EngineHost.StartAsync(1, onAzurite ? EngineStorage.Azurite : EngineStorage.Memory, azurite?.CreateOptions());
            for (var i = 0; i < repetitions; i++)
            {
                var (countsBefore, secondsBefore) = (http?.Snapshot(), http?.Seconds());
                var result = await Workloads.RunAsync(host, workload, onAzurite ? "engine (Azurite)" : "engine (memory)", plan, runs);
                Console.WriteLine($"{i + 1,3}: {result.Elapsed.TotalMilliseconds,8:0.0} ms {result.StepsPerSecond,8:0} steps/s");
                if (http is not null)
                {
                    // Requests to Azurite in this repetition, by method: how many per run, and their mean latency.
                    var seconds = http.Seconds();
                    foreach (var (method, count) in http.Snapshot().OrderBy(m => m.Key, StringComparer.Ordinal))
                    {
                        var n = count - countsBefore!.GetValueOrDefault(method);
                        var s = seconds.GetValueOrDefault(method) - secondsBefore!.GetValueOrDefault(method);
                        Console.WriteLine($"     {method,-7} {(double)n / runs,6:0.00}/run  mean {(n == 0 ? 0 : s / n * 1000),8:0.00} ms");
                    }
                }
            }
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }

        return 0;
    }
}
