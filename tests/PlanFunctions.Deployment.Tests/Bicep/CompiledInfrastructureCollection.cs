namespace PlanFunctions.Deployment.Tests.Bicep;

/// <summary>The test classes that read the compiled templates: bicep runs once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Compiled infrastructure";
}
