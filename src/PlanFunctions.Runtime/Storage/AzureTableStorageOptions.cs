using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
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

    /// <summary>
    /// The table service endpoint for an identity-based connection (no secret), as Azure Functions' identity-based
    /// <c>AzureWebJobsStorage__tableServiceUri</c>; <c>AzureWebJobsStorage__accountName</c> gives the public-cloud
    /// endpoint. Used when <see cref="ConnectionString"/> is not set.
    /// </summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity to connect with (<c>AzureWebJobsStorage__clientId</c>); without it, <c>DefaultAzureCredential</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The credential of an identity-based connection, when set in code; wins over <see cref="ClientId"/>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The System.Text.Json options grain state is written with.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = PlanJson.Options;

    /// <summary>
    /// The table endpoint of an identity-based <c>AzureWebJobsStorage</c> section: its <c>tableServiceUri</c>, or the
    /// public-cloud endpoint of its <c>accountName</c>; <see langword="null"/> when it has neither.
    /// </summary>
    public static Uri? TableServiceUriFrom(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section["tableServiceUri"] is { Length: > 0 } uri)
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : throw new FormatException($"AzureWebJobsStorage:tableServiceUri '{uri}' is not an absolute URI.");
        }

        return section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.table.core.windows.net/") : null;
    }

    /// <summary>A client of one of the hub's tables, by connection string or by identity.</summary>
    internal TableClient CreateTableClient(string tableName)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return new TableClient(ConnectionString, tableName);
        }

        var credential = Credential ?? (ClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential());
        return new TableClient(TableServiceUri ?? throw new InvalidOperationException("Azure Table storage has neither a connection string nor a table service URI."), tableName, credential);
    }
}
