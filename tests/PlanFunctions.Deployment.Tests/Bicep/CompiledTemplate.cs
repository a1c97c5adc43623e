using System.Text.Json.Nodes;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>One Bicep entry point compiled and linted: what bicep said, and the ARM template it made.</summary>
public sealed class CompiledTemplate
{
    private CompiledTemplate(string path, ProcessResult build, ProcessResult lint, ArmScope root)
    {
        Path = path;
        Build = build;
        Lint = lint;
        Root = root;
    }

    /// <summary>The entry point, relative to the repository's root.</summary>
    public string Path { get; }

    /// <summary>What <c>bicep build --stdout</c> did.</summary>
    public ProcessResult Build { get; }

    /// <summary>What <c>bicep lint</c> did.</summary>
    public ProcessResult Lint { get; }

    /// <summary>The compiled ARM template's root.</summary>
    public ArmScope Root { get; }

    /// <summary>Every resource of every template with the scope it is declared in.</summary>
    public IEnumerable<(JsonObject Resource, ArmScope Scope)> AllResources =>
        Root.SelfAndDescendants().SelectMany(scope => scope.Resources.Select(resource => (resource, scope)));

    /// <summary>The resources of one type.</summary>
    public IReadOnlyList<(JsonObject Resource, ArmScope Scope)> OfType(string type) =>
        [.. AllResources.Where(pair => string.Equals((string?)pair.Resource["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type; fails the test when there is not exactly one.</summary>
    public (JsonObject Resource, ArmScope Scope) Single(string type) => Assert.Single(OfType(type));

    /// <summary>Compiles and lints <paramref name="path"/> with the bicep binary restored with this project.</summary>
    public static async Task<CompiledTemplate> CompileAsync(string path)
    {
        var build = await BicepCli.RunAsync("build", path, "--stdout");
        var lint = await BicepCli.RunAsync("lint", path);
        var root = build.ExitCode == 0 ? ArmScope.Root(JsonNode.Parse(build.StandardOutput)!.AsObject()) : ArmScope.Root([]);
        return new CompiledTemplate(path, build, lint, root);
    }
}
