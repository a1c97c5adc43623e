using PlanFunctions.Core.Graph;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Graph;

public sealed class PlanLayersTests
{
    private static IReadOnlyList<int> LayersOf(params (string Id, string[] DependsOn)[] steps) =>
        PlanLayers.Of(PlanGraph.Build(new Plan
        {
            Name = "layers",
            Steps = [.. steps.Select(s => new PlanStep { Id = s.Id, Tool = "echo", DependsOn = s.DependsOn })],
        }));

    [Fact]
    public void A_step_is_one_layer_below_its_deepest_dependency()
    {
        var layers = LayersOf(
            ("start", []),
            ("north", ["start"]),
            ("south", ["start"]),
            ("slow", ["south"]),
            ("join", ["north", "slow"]),
            ("alone", []));

        Assert.Equal([0, 1, 1, 2, 3, 0], layers);
    }

    [Fact]
    public void Plan_order_does_not_matter_only_the_dependencies()
    {
        var layers = LayersOf(("join", ["a", "b"]), ("b", ["a"]), ("a", []));

        Assert.Equal([2, 1, 0], layers);
    }

    [Fact]
    public void A_plan_with_a_cycle_still_gets_a_layer_for_every_step()
    {
        var layers = LayersOf(("root", []), ("x", ["root", "y"]), ("y", ["x"]));

        Assert.Equal(3, layers.Count);
        Assert.Equal(0, layers[0]);
        Assert.All(layers.Skip(1), layer => Assert.True(layer >= 1));
    }

    [Fact]
    public void A_chain_of_ten_thousand_steps_has_as_many_layers()
    {
        var steps = Enumerable.Range(0, 10_000).Select(i => ($"s{i}", i == 0 ? Array.Empty<string>() : [$"s{i - 1}"])).ToArray();

        var layers = LayersOf(steps);

        Assert.Equal(9_999, layers[^1]);
    }
}
