using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Graph;

/// <summary>
/// The dependency graph of a plan, by step index (the position in <see cref="Plan.Steps"/>). Built
/// tolerantly: for a duplicate id the first step wins, and unknown dependencies are left out, so that the
/// validator can build it on a plan that still has problems.
/// </summary>
public sealed class PlanGraph
{
    private readonly Dictionary<string, int> _indexById;
    private readonly int[][] _dependencies;
    private readonly int[][] _dependents;

    private PlanGraph(Plan plan, Dictionary<string, int> indexById, int[][] dependencies, int[][] dependents)
    {
        Plan = plan;
        _indexById = indexById;
        _dependencies = dependencies;
        _dependents = dependents;
    }

    /// <summary>The plan this graph is of.</summary>
    public Plan Plan { get; }

    /// <summary>The number of steps.</summary>
    public int Count => _dependencies.Length;

    /// <summary>Builds the graph of a plan.</summary>
    public static PlanGraph Build(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = plan.Steps;
        var indexById = new Dictionary<string, int>(steps.Count, StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            indexById.TryAdd(steps[i].Id, i);
        }

        var dependencies = new int[steps.Count][];
        var dependentLists = new List<int>?[steps.Count];

        // 1 + the index of the last step that listed each step: a duplicate in one dependsOn is found in O(1),
        // where searching the list so far made a join of n steps cost O(n^2).
        var listedBy = new int[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var found = new List<int>(steps[i].DependsOn.Count);
            foreach (var id in steps[i].DependsOn)
            {
                if (indexById.TryGetValue(id, out var d) && listedBy[d] != i + 1)
                {
                    listedBy[d] = i + 1;
                    found.Add(d);
                    (dependentLists[d] ??= []).Add(i);
                }
            }

            dependencies[i] = [.. found];
        }

        var dependents = new int[steps.Count][];
        for (var i = 0; i < steps.Count; i++)
        {
            dependents[i] = dependentLists[i] is { } list ? [.. list] : [];
        }

        return new PlanGraph(plan, indexById, dependencies, dependents);
    }

    /// <summary>The index of the step with this id (the first, if the id is not unique).</summary>
    public bool TryGetIndex(string stepId, out int index) => _indexById.TryGetValue(stepId, out index);

    /// <summary>The index of the step with this id; throws when there is none.</summary>
    public int IndexOf(string stepId) =>
        _indexById.TryGetValue(stepId, out var index) ? index : throw new KeyNotFoundException($"no step '{stepId}' in the plan");

    /// <summary>The steps that step <paramref name="index"/> depends on directly (known ones, each once).</summary>
    public IReadOnlyList<int> DependenciesOf(int index) => _dependencies[index];

    /// <summary>The steps that depend directly on step <paramref name="index"/>.</summary>
    public IReadOnlyList<int> DependentsOf(int index) => _dependents[index];

    /// <summary>
    /// A topological order (every step after all of its dependencies, ties in plan order), or
    /// <see langword="null"/> when the graph has a cycle.
    /// </summary>
    public IReadOnlyList<int>? TopologicalOrder()
    {
        var remaining = new int[Count];
        var ready = new Queue<int>();
        for (var i = 0; i < Count; i++)
        {
            remaining[i] = _dependencies[i].Length;
            if (remaining[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        var order = new List<int>(Count);
        while (ready.TryDequeue(out var i))
        {
            order.Add(i);
            foreach (var d in _dependents[i])
            {
                if (--remaining[d] == 0)
                {
                    ready.Enqueue(d);
                }
            }
        }

        return order.Count == Count ? order : null;
    }

    /// <summary>
    /// The cycles of the graph, each as the ids of the steps on it in dependency order (each step depends
    /// on the one after it, and the last on the first). One cycle is reported per strongly connected part.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> FindCycles()
    {
        // Tarjan's strongly connected components, iterative so that a 10,000-step chain cannot overflow the stack.
        var index = new int[Count];
        var low = new int[Count];
        var onStack = new bool[Count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;
        var work = new Stack<(int Node, int Edge)>();

        for (var root = 0; root < Count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    index[node] = low[node] = next++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var deps = _dependencies[node];
                if (edge < deps.Length)
                {
                    work.Push((node, edge + 1));
                    var dep = deps[edge];
                    if (index[dep] < 0)
                    {
                        work.Push((dep, 0));
                    }
                    else if (onStack[dep])
                    {
                        low[node] = Math.Min(low[node], index[dep]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1 || _dependencies[node].Contains(node))
                    {
                        cycles.Add(DescribeCycle(component));
                    }
                }
            }
        }

        return cycles;
    }

    /// <summary>
    /// Whether step <paramref name="step"/> depends on step <paramref name="ancestor"/>, directly or through
    /// other dependencies.
    /// </summary>
    public bool DependsOnTransitively(int step, int ancestor)
    {
        if (_dependencies[step].Contains(ancestor))
        {
            return true;
        }

        var seen = new HashSet<int> { step };
        var pending = new Stack<int>(_dependencies[step]);
        while (pending.TryPop(out var current))
        {
            if (current == ancestor)
            {
                return true;
            }

            if (seen.Add(current))
            {
                foreach (var d in _dependencies[current])
                {
                    pending.Push(d);
                }
            }
        }

        return false;
    }

    private List<string> DescribeCycle(List<int> component)
    {
        // The shortest way round from the part's first step in plan order, searched breadth-first inside the
        // part: following only the first dependency can end on a step that does not lead back to the start.
        var members = component.ToHashSet();
        var start = component.Min();
        var previous = new Dictionary<int, int> { [start] = -1 };
        var pending = new Queue<int>();
        pending.Enqueue(start);
        while (pending.TryDequeue(out var current))
        {
            foreach (var d in _dependencies[current])
            {
                if (d == start)
                {
                    var path = new List<int>();
                    for (var at = current; at >= 0; at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Reverse();
                    return path.ConvertAll(i => Plan.Steps[i].Id);
                }

                if (members.Contains(d) && previous.TryAdd(d, current))
                {
                    pending.Enqueue(d);
                }
            }
        }

        return [Plan.Steps[start].Id];
    }
}
