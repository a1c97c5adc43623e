using System.Text.Json.Nodes;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>infra/main.bicep compiled and linted once for all the tests of <see cref="CompiledInfrastructureCollection"/>.</summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    /// <summary>The entry point azd provisions.</summary>
    public const string MainTemplate = "infra/main.bicep";

    /// <summary>What <c>bicep build --stdout</c> did.</summary>
    public ProcessResult Build { get; private set; } = new(-1, "", "");

    /// <summary>What <c>bicep lint</c> did.</summary>
    public ProcessResult Lint { get; private set; } = new(-1, "", "");

    /// <summary>The compiled ARM template's root.</summary>
    public ArmScope Root { get; private set; } = ArmScope.Root([]);

    /// <summary>Every resource of every template with the scope it is declared in.</summary>
    public IEnumerable<(JsonObject Resource, ArmScope Scope)> AllResources =>
        Root.SelfAndDescendants().SelectMany(scope => scope.Resources.Select(resource => (resource, scope)));

    /// <summary>The resources of one type.</summary>
    public IReadOnlyList<(JsonObject Resource, ArmScope Scope)> OfType(string type) =>
        [.. AllResources.Where(pair => string.Equals((string?)pair.Resource["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type; fails the test when there is not exactly one.</summary>
    public (JsonObject Resource, ArmScope Scope) Single(string type) => Assert.Single(OfType(type));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", MainTemplate, "--stdout");
        Lint = await BicepCli.RunAsync("lint", MainTemplate);
        if (Build.ExitCode == 0)
        {
            Root = ArmScope.Root(JsonNode.Parse(Build.StandardOutput)!.AsObject());
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
