using System.Text.Json;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Runtime.Storage;

/// <summary>Where and how PlanFunctions keeps grain state and reminders in Azure Table Storage.</summary>
public sealed class AzureTableStorageOptions
{
    /// <summary>The configuration key the connection string is read from, as in Azure Functions.</summary>
    public const string ConnectionStringConfigurationKey = "AzureWebJobsStorage";

    /// <summary>The task hub used when none is configured.</summary>
    public const string DefaultTaskHubName = "PlanFunctions";

    /// <summary>
    /// The storage account's connection string. <c>UseDevelopmentStorage=true</c> means Azurite on its default
    /// endpoint (http://127.0.0.1:10002) with the well-known devstoreaccount1 key; Azure.Data.Tables understands it as is.
    /// Filled from the <c>AzureWebJobsStorage</c> configuration key when not set in code.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Prefix of every table name (e.g. <c>{TaskHubName}GrainState</c>), so several apps can share one account.
    /// Letters and digits only, starting with a letter.
    /// </summary>
    public string TaskHubName { get; set; } = DefaultTaskHubName;

    /// <summary>The System.Text.Json options grain state is written with.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = PlanJson.Options;
}
