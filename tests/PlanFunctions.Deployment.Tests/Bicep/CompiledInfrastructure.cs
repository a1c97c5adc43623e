using System.Text.Json.Nodes;
using PlanFunctions.Deployment.Tests.Infrastructure;

namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>
/// The Bicep entry points compiled and linted once for all the tests of <see cref="CompiledInfrastructureCollection"/>:
/// infra/main.bicep (what <c>azd up</c> provisions, the Functions app by default) and infra/orleans.bicep (the same with
/// the Orleans host, the deploy/orleans azd project's). The members below are the main template's.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    /// <summary>The entry point azd provisions by default.</summary>
    public const string MainTemplate = "infra/main.bicep";

    /// <summary>The entry point of the Orleans host's azd project.</summary>
    public const string OrleansTemplate = "infra/orleans.bicep";

    /// <summary>infra/main.bicep compiled.</summary>
    public CompiledTemplate Main { get; private set; } = null!;

    /// <summary>infra/orleans.bicep compiled.</summary>
    public CompiledTemplate Orleans { get; private set; } = null!;

    /// <summary>Both entry points.</summary>
    public IReadOnlyList<CompiledTemplate> EntryPoints => [Main, Orleans];

    /// <summary>What <c>bicep build --stdout</c> did with the main template.</summary>
    public ProcessResult Build => Main.Build;

    /// <summary>The main template's root.</summary>
    public ArmScope Root => Main.Root;

    /// <summary>Every resource of the main template with the scope it is declared in.</summary>
    public IEnumerable<(JsonObject Resource, ArmScope Scope)> AllResources => Main.AllResources;

    /// <summary>The main template's resources of one type.</summary>
    public IReadOnlyList<(JsonObject Resource, ArmScope Scope)> OfType(string type) => Main.OfType(type);

    /// <summary>The main template's one resource of a type; fails the test when there is not exactly one.</summary>
    public (JsonObject Resource, ArmScope Scope) Single(string type) => Main.Single(type);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Main = await CompiledTemplate.CompileAsync(MainTemplate);
        Orleans = await CompiledTemplate.CompileAsync(OrleansTemplate);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
