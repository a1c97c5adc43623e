using PlanFunctions.TestSupport;

namespace PlanFunctions.Cli.Tests;

/// <summary>One Azurite with blob, queue and table services for the tests of this assembly that run the durable-functions engine.</summary>
[CollectionDefinition(FullAzuriteFixture.CollectionName)]
public sealed class FullAzuriteCollection : ICollectionFixture<FullAzuriteFixture>;
