using PlanFunctions.TestSupport;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>One Azurite with blob, queue and table services for the tests of this assembly.</summary>
[CollectionDefinition(FullAzuriteFixture.CollectionName)]
public sealed class FullAzuriteCollection : ICollectionFixture<FullAzuriteFixture>;
