namespace PlanFunctions.Host.Security;

/// <summary>Marks an endpoint that answers without the key (the health probe).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutKeyAttribute : Attribute;
