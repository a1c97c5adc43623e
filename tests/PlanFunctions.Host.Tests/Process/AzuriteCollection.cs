using PlanFunctions.TestSupport;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>One Azurite for the tests of this assembly that keep runs in Azure Table Storage.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
