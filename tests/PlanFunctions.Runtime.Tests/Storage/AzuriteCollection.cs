using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Storage;

/// <summary>One Azurite for every test class of this assembly that needs Azure Table Storage.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
