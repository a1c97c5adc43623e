using Microsoft.Extensions.Options;
using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Runtime.Orchestration;

/// <summary>
/// This host's limit of runs under way at once (<see cref="PlanFunctions.Client.Hosting.PlanEngineOptions.MaxConcurrentRunsPerHost"/>).
/// A run over the limit is not refused: it waits as <c>Pending</c>, first come first served, and is woken when a
/// run on this host ends or leaves. The queue is memory only; a run whose host dies is brought back by its reminder
/// and queues again wherever it lands.
/// </summary>
internal sealed class RunAdmission(IOptions<PlanFunctionsRuntimeOptions> options, IGrainFactory grains)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _admitted = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _waiting = new();
    private readonly Dictionary<string, LinkedListNode<string>> _waitingNodes = new(StringComparer.Ordinal);

    /// <summary>Lets the run start now, or queues it and answers <see langword="false"/>.</summary>
    public bool TryAdmit(string instanceId)
    {
        lock (_lock)
        {
            if (_admitted.Contains(instanceId))
            {
                return true;
            }

            if (_admitted.Count < options.Value.MaxConcurrentRunsPerHost && _waiting.Count == 0)
            {
                _admitted.Add(instanceId);
                return true;
            }

            if (!_waitingNodes.ContainsKey(instanceId))
            {
                _waitingNodes[instanceId] = _waiting.AddLast(instanceId);
            }

            return false;
        }
    }

    /// <summary>The run ended or left this host: its place goes to the runs that wait, which are woken.</summary>
    public void Release(string instanceId)
    {
        var woken = new List<string>();
        lock (_lock)
        {
            _admitted.Remove(instanceId);
            if (_waitingNodes.Remove(instanceId, out var node))
            {
                _waiting.Remove(node);
            }

            while (_admitted.Count < options.Value.MaxConcurrentRunsPerHost && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                _waitingNodes.Remove(next.Value);
                _admitted.Add(next.Value);
                woken.Add(next.Value);
            }
        }

        foreach (var id in woken)
        {
            // Fire and forget: a run that cannot be woken now is woken by its reminder.
            _ = grains.GetGrain<IPlanOrchestratorGrain>(id).WakeAsync();
        }
    }
}
