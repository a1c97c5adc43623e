namespace PlanFunctions.Core.Graph;

/// <summary>
/// The layers of a plan's dependency graph, as a viewer draws them: a step with no dependencies is in layer 0, any
/// other one layer below its deepest dependency (the longest path from a root), so every dependency is drawn above
/// the steps that depend on it.
/// </summary>
public static class PlanLayers
{
    /// <summary>The layer of every step, by step index. Steps on a cycle (never in an accepted plan) get the layer after their other dependencies.</summary>
    public static IReadOnlyList<int> Of(PlanGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var layers = new int[graph.Count];
        var placed = new bool[graph.Count];
        var order = graph.TopologicalOrder() ?? OrderAroundCycles(graph);
        foreach (var step in order)
        {
            var layer = 0;
            foreach (var dependency in graph.DependenciesOf(step))
            {
                if (placed[dependency])
                {
                    layer = Math.Max(layer, layers[dependency] + 1);
                }
            }

            layers[step] = layer;
            placed[step] = true;
        }

        return layers;
    }

    // Kahn's order, then whatever a cycle held back in plan order: a layering of a plan that is still being fixed.
    private static List<int> OrderAroundCycles(PlanGraph graph)
    {
        var remaining = new int[graph.Count];
        var ready = new Queue<int>();
        for (var i = 0; i < graph.Count; i++)
        {
            remaining[i] = graph.DependenciesOf(i).Count;
            if (remaining[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        var order = new List<int>(graph.Count);
        var taken = new bool[graph.Count];
        while (ready.TryDequeue(out var i))
        {
            order.Add(i);
            taken[i] = true;
            foreach (var d in graph.DependentsOf(i))
            {
                if (--remaining[d] == 0)
                {
                    ready.Enqueue(d);
                }
            }
        }

        order.AddRange(Enumerable.Range(0, graph.Count).Where(i => !taken[i]));
        return order;
    }
}
