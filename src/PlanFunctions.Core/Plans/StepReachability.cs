using PlanFunctions.Core.Graph;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Answers "does this step depend on that one, directly or through other dependencies?" for many pairs of
/// one plan without a graph search per question: a direct dependency is checked first, and the first
/// question that needs more builds every step's set of ancestors once, in topological order, as bit sets.
/// </summary>
/// <remarks>
/// Steps that are on a cycle, or depend on one, have no topological place; their questions fall back to
/// <see cref="PlanGraph.DependsOnTransitively"/> with the answers cached. Such a plan is rejected anyway.
/// </remarks>
internal sealed class StepReachability
{
    private readonly PlanGraph _graph;
    private ulong[]?[]? _ancestors;
    private Dictionary<(int Step, int Ancestor), bool>? _fallback;

    public StepReachability(PlanGraph graph) => _graph = graph;

    /// <summary>Whether step <paramref name="step"/> depends on step <paramref name="ancestor"/>.</summary>
    public bool DependsOn(int step, int ancestor)
    {
        if (_graph.DependenciesOf(step).Contains(ancestor))
        {
            return true;
        }

        _ancestors ??= BuildAncestors();
        if (_ancestors[step] is { } set)
        {
            return (set[ancestor >> 6] & (1UL << ancestor)) != 0;
        }

        _fallback ??= [];
        if (!_fallback.TryGetValue((step, ancestor), out var answer))
        {
            answer = _graph.DependsOnTransitively(step, ancestor);
            _fallback[(step, ancestor)] = answer;
        }

        return answer;
    }

    private ulong[]?[] BuildAncestors()
    {
        var count = _graph.Count;
        var words = (count + 63) >> 6;
        var sets = new ulong[]?[count];
        var remaining = new int[count];
        var ready = new Queue<int>();
        for (var i = 0; i < count; i++)
        {
            remaining[i] = _graph.DependenciesOf(i).Count;
            if (remaining[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        while (ready.TryDequeue(out var i))
        {
            var set = new ulong[words];
            foreach (var d in _graph.DependenciesOf(i))
            {
                set[d >> 6] |= 1UL << d;
                var inherited = sets[d]!;
                for (var w = 0; w < words; w++)
                {
                    set[w] |= inherited[w];
                }
            }

            sets[i] = set;
            foreach (var dependent in _graph.DependentsOf(i))
            {
                if (--remaining[dependent] == 0)
                {
                    ready.Enqueue(dependent);
                }
            }
        }

        return sets;
    }
}
