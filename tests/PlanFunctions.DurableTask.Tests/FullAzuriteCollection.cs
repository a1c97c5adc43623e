namespace PlanFunctions.DurableTask.Tests;

[CollectionDefinition(FullAzuriteFixture.CollectionName)]
public sealed class FullAzuriteCollection : ICollectionFixture<FullAzuriteFixture>;
