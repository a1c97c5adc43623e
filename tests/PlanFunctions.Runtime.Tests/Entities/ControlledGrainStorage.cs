using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Runtime.Tests.Entities;

/// <summary>
/// The engine's in-memory grain storage (<see cref="PlanFunctionsSiloBuilderExtensions.UsePlanFunctionsInMemoryStorage"/>)
/// with a test's hand on it: it counts reads and writes per grain, can hold writes back until the test lets them go, and
/// can refuse writes before they reach storage. For a cluster of one silo.
/// </summary>
internal sealed class ControlledGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, int> _reads = new();
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly Lock _sync = new();
    private IGrainStorage? _inner;
    private TaskCompletionSource? _gate;
    private int _held;
    private volatile bool _refuseWrites;

    /// <summary>Writes that have been held back so far, released or not.</summary>
    public int HeldWrites => Volatile.Read(ref _held);

    private IGrainStorage Inner => _inner ?? throw new InvalidOperationException("The silo has not created its grain storage yet.");

    /// <summary>
    /// Registers the engine's in-memory storage wrapped in this one under <see cref="PlanFunctionsStorage.ProviderName"/>;
    /// the last keyed registration is the one grains get.
    /// </summary>
    public void AddTo(ISiloBuilder silo)
    {
        silo.UsePlanFunctionsInMemoryStorage();
        silo.Services.AddKeyedSingleton<IGrainStorage>(PlanFunctionsStorage.ProviderName, (services, key) =>
        {
            _inner = MemoryGrainStorageFactory.Create(services, (string)key!);
            return this;
        });
    }

    /// <summary>Writes that reached this storage (stored, held or refused) for a grain.</summary>
    public int Writes(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    /// <summary>Reads of a grain's state, one per activation.</summary>
    public int Reads(GrainId grainId) => _reads.GetValueOrDefault(grainId);

    /// <summary>Holds back every write from now until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_sync)
        {
            _gate ??= NewGate();
        }
    }

    /// <summary>Lets the writes held so far go on to storage, and holds back the later ones.</summary>
    public void ReleaseHeld()
    {
        lock (_sync)
        {
            var gate = _gate;
            if (gate is not null)
            {
                _gate = NewGate();
                gate.SetResult();
            }
        }
    }

    /// <summary>Lets held writes, and every later one, go on to storage.</summary>
    public void Release()
    {
        lock (_sync)
        {
            var gate = _gate;
            _gate = null;
            gate?.SetResult();
        }
    }

    /// <summary>While on, a write that arrives fails without storing anything, as when storage is unavailable.</summary>
    public void RefuseWrites(bool on) => _refuseWrites = on;

    /// <summary>What storage holds for a grain's state now, read past the counters.</summary>
    public async Task<T> ReadStoredAsync<T>(string stateName, GrainId grainId)
    {
        var state = new GrainState<T>();
        await Inner.ReadStateAsync(stateName, grainId, state);
        return state.State ?? throw new InvalidOperationException($"No {stateName} state for {grainId}.");
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(grainId, 1, static (_, count) => count + 1);
        return Inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        _writes.AddOrUpdate(grainId, 1, static (_, count) => count + 1);

        // Decided on arrival: a write already held when the test turns refusal on still goes through once released.
        var refused = _refuseWrites;
        Task? held = null;
        lock (_sync)
        {
            if (_gate is { } gate)
            {
                _held++;
                held = gate.Task;
            }
        }

        if (held is not null)
        {
            await held;
        }

        if (refused)
        {
            throw new IOException("The grain storage is unavailable (injected).");
        }

        await Inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        Inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
