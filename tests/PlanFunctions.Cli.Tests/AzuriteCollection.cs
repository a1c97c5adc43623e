using PlanFunctions.TestSupport;

namespace PlanFunctions.Cli.Tests;

/// <summary>One Azurite for the tests of this assembly that keep runs in Azure Table Storage.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
