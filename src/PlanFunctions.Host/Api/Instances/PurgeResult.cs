namespace PlanFunctions.Host.Api.Instances;

/// <summary>The answer to a purge, as Durable Functions gives it.</summary>
/// <param name="InstancesDeleted">How many runs were purged.</param>
public sealed record PurgeResult(int InstancesDeleted);
