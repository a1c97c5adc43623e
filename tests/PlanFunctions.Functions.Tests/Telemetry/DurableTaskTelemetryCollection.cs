using PlanFunctions.TestSupport;

namespace PlanFunctions.Functions.Tests.Telemetry;

/// <summary>
/// Azurite for the telemetry test, which runs alone: the engines' meter is process-wide, so another test's runs would
/// add to the counts it checks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurableTaskTelemetryCollection : ICollectionFixture<FullAzuriteFixture>
{
    public const string Name = "Durable Task telemetry";
}
