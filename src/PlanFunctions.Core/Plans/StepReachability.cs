using PlanFunctions.Core.Graph;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Answers "does this step depend on that one, directly or through other dependencies?" for many pairs of
/// one plan without a graph search per question: a direct dependency is checked first, and the first
/// question that needs more builds every step's set of ancestors once, as bit sets.
/// </summary>
/// <remarks>
/// The sets are built per strongly connected part, in the order Tarjan's algorithm completes them
/// (dependencies first), so a plan with a cycle costs no more than one without: the steps of a cycle share
/// one set, which holds each of them.
/// </remarks>
internal sealed class StepReachability
{
    private readonly PlanGraph _graph;
    private ulong[][]? _ancestors;

    public StepReachability(PlanGraph graph) => _graph = graph;

    /// <summary>Whether step <paramref name="step"/> depends on step <paramref name="ancestor"/>.</summary>
    public bool DependsOn(int step, int ancestor)
    {
        if (_graph.DependenciesOf(step).Contains(ancestor))
        {
            return true;
        }

        _ancestors ??= BuildAncestors();
        return (_ancestors[step][ancestor >> 6] & (1UL << ancestor)) != 0;
    }

    private ulong[][] BuildAncestors()
    {
        var count = _graph.Count;
        var words = (count + 63) >> 6;
        var sets = new ulong[count][];
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int Edge)>();
        var component = new List<int>();
        var next = 0;

        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.TryPop(out var frame))
            {
                var (node, edge) = frame;
                if (edge == 0)
                {
                    index[node] = low[node] = next++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var dependencies = _graph.DependenciesOf(node);
                if (edge < dependencies.Count)
                {
                    work.Push((node, edge + 1));
                    var dependency = dependencies[edge];
                    if (index[dependency] < 0)
                    {
                        work.Push((dependency, 0));
                    }
                    else if (onStack[dependency])
                    {
                        low[node] = Math.Min(low[node], index[dependency]);
                    }

                    continue;
                }

                if (work.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                }

                if (low[node] != index[node])
                {
                    continue;
                }

                component.Clear();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                }
                while (member != node);

                // Every part this one depends on is complete by now; its own members have no set yet but
                // each is a direct dependency of another member, so its bit is set here.
                var set = new ulong[words];
                foreach (var m in component)
                {
                    foreach (var d in _graph.DependenciesOf(m))
                    {
                        set[d >> 6] |= 1UL << d;
                        if (sets[d] is { } inherited)
                        {
                            for (var w = 0; w < words; w++)
                            {
                                set[w] |= inherited[w];
                            }
                        }
                    }
                }

                foreach (var m in component)
                {
                    sets[m] = set;
                }
            }
        }

        return sets;
    }
}
