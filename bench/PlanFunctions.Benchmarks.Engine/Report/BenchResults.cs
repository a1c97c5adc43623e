using PlanFunctions.Benchmarks.Engine.Scenarios;

namespace PlanFunctions.Benchmarks.Engine.Report;

/// <summary>Everything one run of the harness measured.</summary>
internal sealed class BenchResults
{
    public required BenchSizes Sizes { get; init; }

    public required MachineInfo Machine { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required string Command { get; init; }

    public TimeSpan Took { get; set; }

    public string? LoadAverageAtEnd { get; set; }

    public TimeSpan DirectCalls { get; set; }

    public WorkloadResult? MemoryChain { get; set; }

    public WorkloadResult? MemoryFanOut { get; set; }

    public WorkloadResult? MemoryConcurrent { get; set; }

    /// <summary>Grain calls received during the in-memory chain: method, count, inclusive time.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> ChainCalls { get; set; } = new Dictionary<string, (long, TimeSpan)>();

    public StatusResult? Status { get; set; }

    public int HangfireWorkers { get; set; }

    public WorkloadResult? HangfireChain { get; set; }

    public WorkloadResult? HangfireConcurrent { get; set; }

    /// <summary>The chain on the engine and on Hangfire, measured in alternating pairs.</summary>
    public List<PairedResult> HangfireChainPairs { get; set; } = [];

    /// <summary>The concurrent 5-step runs on the engine and on Hangfire, measured in alternating pairs.</summary>
    public List<PairedResult> HangfireConcurrentPairs { get; set; } = [];

    public List<ScaleResult> Scale { get; } = [];

    public WorkloadResult? AzuriteChain { get; set; }

    public WorkloadResult? AzuriteFanOut { get; set; }

    public WorkloadResult? AzuriteConcurrent { get; set; }

    /// <summary>Azurite's write rate with one writer: the bound of a chain.</summary>
    public RawWriteResult? RawWritesOne { get; set; }

    /// <summary>Azurite's write rate with many writers: the bound of many runs at once.</summary>
    public RawWriteResult? RawWrites { get; set; }

    /// <summary>A grain call that does nothing, client to silo, sequential.</summary>
    public TimeSpan EmptyGrainCall { get; set; }
}
