namespace PlanFunctions.Runtime.Hosting;

/// <summary>Names of the storage PlanFunctions registers with Orleans.</summary>
public static class PlanFunctionsStorage
{
    /// <summary>The grain storage provider of the entities.</summary>
    public const string ProviderName = "PlanFunctions";
}
