using System.Text.Json.Nodes;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>
/// The two entry points azd provisions: infra/main.bicep (the root azd project, the Functions app by default) and
/// infra/orleans.bicep (the deploy/orleans azd project, the Orleans host).
/// </summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class EntryPointTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Every_entry_point_compiles_without_errors_or_warnings()
    {
        Assert.All(infra.EntryPoints, template =>
        {
            Assert.True(template.Build.ExitCode == 0, $"{template.Path}: {template.Build}");
            Assert.True(template.Build.StandardError.Trim().Length == 0, $"{template.Path}: {template.Build}");
        });
    }

    [Fact]
    public void Linter_finds_nothing_to_report_in_any_entry_point()
    {
        Assert.All(infra.EntryPoints, template =>
        {
            Assert.True(template.Lint.ExitCode == 0, $"{template.Path}: {template.Lint}");
            Assert.True((template.Lint.StandardOutput + template.Lint.StandardError).Trim().Length == 0, $"{template.Path}: {template.Lint}");
        });
    }

    [Fact]
    public void Each_parameters_file_sets_only_parameters_of_its_entry_point_and_every_one_without_a_default()
    {
        Assert.All(infra.EntryPoints, template =>
        {
            var declared = template.Root.Template["parameters"]!.AsObject();
            var file = Path.ChangeExtension(template.Path, ".parameters.json");
            var given = JsonNode.Parse(Repository.Read(file))!["parameters"]!.AsObject();

            Assert.All(given, pair => Assert.True(declared.ContainsKey(pair.Key), $"{template.Path} has no parameter {pair.Key}"));
            Assert.All(declared.Where(pair => !pair.Value!.AsObject().ContainsKey("defaultValue")),
                pair => Assert.True(given.ContainsKey(pair.Key), $"{file} does not set {pair.Key}"));
        });
    }

    [Fact]
    public void The_Functions_app_is_provisioned_by_default_and_the_Orleans_host_only_when_asked_for()
    {
        var engine = infra.Root.Template["parameters"]!["engine"]!;
        Assert.Equal("functions", (string?)engine["defaultValue"]);
        Assert.Equal(["functions", "orleans"], engine["allowedValues"]!.AsArray().Select(value => (string?)value));
        var mainParameters = JsonNode.Parse(Repository.Read("infra/main.parameters.json"))!["parameters"]!.AsObject();
        Assert.False(mainParameters.ContainsKey("engine"), "the root azd project provisions the Functions app only");

        var (_, siteScope) = infra.Single("Microsoft.Web/sites");
        Assert.Equal("[equals(parameters('engine'), 'functions')]", EngineSwitch(siteScope));

        foreach (var type in (string[])["Microsoft.App/containerApps", "Microsoft.App/managedEnvironments", "Microsoft.ContainerRegistry/registries"])
        {
            var (_, scope) = infra.Single(type);
            Assert.Equal("[equals(parameters('engine'), 'orleans')]", EngineSwitch(scope));
        }
    }

    [Fact]
    public void The_Orleans_entry_point_provisions_main_with_the_Orleans_engine()
    {
        var deployment = Assert.Single(infra.Orleans.Root.Resources, resource => (string?)resource["type"] == "Microsoft.Resources/deployments");
        Assert.Null(deployment["condition"]);
        Assert.Equal("orleans", (string?)deployment["properties"]!["parameters"]!["engine"]!["value"]);
        Assert.Single(infra.Orleans.OfType("Microsoft.App/containerApps"));

        // Every parameter it takes, main takes and it passes on.
        var passed = deployment["properties"]!["parameters"]!.AsObject();
        var declared = infra.Orleans.Root.Template["parameters"]!.AsObject();
        Assert.All(declared, pair => Assert.Equal($"[parameters('{pair.Key}')]", (string?)passed[pair.Key]?["value"]));
        Assert.All(passed, pair => Assert.True(infra.Root.Template["parameters"]!.AsObject().ContainsKey(pair.Key), $"main.bicep has no parameter {pair.Key}"));
    }

    // The condition a module is deployed under, with the resources template's engine variable written out.
    private static string? EngineSwitch(ArmScope scope)
    {
        var module = scope.SelfAndAncestors().Single(s => s.Deployment?["condition"] is not null);
        var condition = (string?)module.Deployment!["condition"];
        var variable = condition is not null && condition.StartsWith("[variables('", StringComparison.Ordinal)
            ? condition["[variables('".Length..^"')]".Length]
            : null;
        return variable is null ? condition : (string?)module.Parent!.Template["variables"]![variable];
    }
}
