namespace PlanFunctions.Host.Configuration;

/// <summary>
/// How hosts find each other, from <c>PlanFunctions:Clustering</c>: <c>Localhost</c> (the default: one host on
/// loopback) or <c>AzureTable</c> (every host that shares <c>AzureWebJobsStorage</c>, the task hub and the cluster
/// id joins one Orleans cluster through the membership table).
/// </summary>
public sealed class ClusteringOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "PlanFunctions:Clustering";

    /// <summary>One host on loopback.</summary>
    public const string LocalhostMode = "Localhost";

    /// <summary>Several hosts through the Azure Table membership table.</summary>
    public const string AzureTableMode = "AzureTable";

    /// <summary><c>Localhost</c> or <c>AzureTable</c>.</summary>
    public string Mode { get; set; } = LocalhostMode;

    /// <summary>The cluster's id; hosts with the same id (and storage) form one cluster. Unset: <c>PlanFunctions:Silo:ClusterId</c>.</summary>
    public string? ClusterId { get; set; }

    /// <summary>Whether hosts cluster through Azure Tables.</summary>
    public bool IsAzureTable => string.Equals(Mode, AzureTableMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with these settings, each naming the setting.</summary>
    public IReadOnlyList<string> Problems(bool storageConfigured)
    {
        var problems = new List<string>();
        if (!IsAzureTable && !string.Equals(Mode, LocalhostMode, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{SectionName}:Mode must be {LocalhostMode} or {AzureTableMode}; it is '{Mode}'.");
        }

        if (IsAzureTable && !storageConfigured)
        {
            problems.Add($"{SectionName}:Mode is {AzureTableMode}, which needs the storage account: set AzureWebJobsStorage.");
        }

        return problems;
    }
}
