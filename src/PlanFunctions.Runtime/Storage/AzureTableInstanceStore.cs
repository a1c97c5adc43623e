using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// The instance index in the <c>{hub}Instances</c> table: one row per run, all in one partition, with the escaped
/// instance id as row key, so a query reads the rows in instance id order and pages with Azure's own continuation.
/// </summary>
/// <remarks>
/// One partition keeps listing ordered and a page one ranged read; its limit (about 2,000 writes a second) is far above
/// the few index writes a run makes. Status and creation time are filtered by the service, an id prefix becomes a row
/// key range. The order is that of the escaped ids, the same as the ids' ordinal order unless they hold characters that
/// keys escape (<c>/ \ # ? ' % ~ |</c> and control characters) or are longer than 400 characters. A page may come back
/// with a continuation token and the next one empty: the service cannot always tell that nothing more matches.
/// </remarks>
public sealed partial class AzureTableInstanceStore : IInstanceStore
{
    /// <summary>The partition every row is in.</summary>
    public const string Partition = "instances";

    private const int MaxPageSize = 1000;
    private const string InstanceIdProperty = "InstanceId";
    private const string NameProperty = "Name";
    private const string RuntimeStatusProperty = "RuntimeStatus";
    private const string CreatedTimeProperty = "CreatedTime";
    private const string LastUpdatedTimeProperty = "LastUpdatedTime";

    private readonly LazyTable table;
    private readonly ILogger<AzureTableInstanceStore> logger;

    /// <summary>Creates the instance index of the task hub the options name.</summary>
    /// <param name="options">Where to store; validated here.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableInstanceStore(AzureTableStorageOptions options, ILogger<AzureTableInstanceStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "instances");
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.Instances(options.TaskHubName)));
    }

    /// <summary>The name of the table the index is kept in.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public async Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, RowKey(record.InstanceId))
        {
            [InstanceIdProperty] = record.InstanceId,
            [NameProperty] = record.Name,
            [RuntimeStatusProperty] = record.RuntimeStatus.ToString(),
            [CreatedTimeProperty] = record.CreatedTime,
            [LastUpdatedTimeProperty] = record.LastUpdatedTime,
        };
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(instanceId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value is not null ? ToRecord(response.Value) : null;
    }

    /// <inheritdoc />
    public async Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Top < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Top, $"{nameof(InstanceQuery.Top)} must be at least 1.");
        }

        var azureToken = query.ContinuationToken is { } token ? DecodeToken(token) : null;
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = Filter(query);

        var instances = new List<InstanceRecord>();
        do
        {
            // Ask for no more than the page still lacks, so Azure's continuation points just past the last row read.
            var pageSize = Math.Min(query.Top - instances.Count, MaxPageSize);
            var pages = client.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(azureToken, pageSize);
            Page<TableEntity>? page = null;
            await foreach (var first in pages.ConfigureAwait(false))
            {
                page = first;
                break;
            }

            azureToken = page?.ContinuationToken;
            foreach (var entity in page?.Values ?? [])
            {
                var record = ToRecord(entity);

                // The service filters already, but a hashed long row key cannot be ranged by prefix, and Azurite compares
                // times to the millisecond only; its answer is a superset, made exact here.
                if (query.Matches(record))
                {
                    instances.Add(record);
                }
            }
        }
        while (azureToken is not null && instances.Count < query.Top);

        return new InstancePage(instances, azureToken is null ? null : EncodeToken(azureToken));
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);

        // A missing row comes back as 404 rather than an exception.
        var response = await client.DeleteEntityAsync(Partition, RowKey(instanceId), ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private static string RowKey(string instanceId) => TableKeys.Limit(TableKeys.Escape(instanceId));

    private static string Filter(InstanceQuery query)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") };
        if (query.RuntimeStatuses.Count > 0)
        {
            var statuses = query.RuntimeStatuses.Distinct().Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"));
            clauses.Add("(" + string.Join(" or ", statuses) + ")");
        }

        if (query.CreatedTimeFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from}"));
        }

        if (query.CreatedTimeTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime le {to}"));
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix && PrefixRange(prefix) is var (lower, upper))
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {lower}"));
            if (upper is not null)
            {
                clauses.Add(TableClient.CreateQueryFilter($"RowKey lt {upper}"));
            }
        }

        return string.Join(" and ", clauses);
    }

    /// <summary>
    /// The row keys of the ids that start with <paramref name="prefix"/>: escaping maps each character on its own, so an
    /// escaped id starts with the escaped prefix, as long as that prefix is within the head a hashed long key keeps.
    /// </summary>
    private static (string Lower, string? Upper)? PrefixRange(string prefix)
    {
        var lower = TableKeys.Escape(prefix);
        if (lower.Length >= TableKeys.KeptHeadLength)
        {
            return null;
        }

        var last = lower[^1];
        return (lower, last == char.MaxValue ? null : string.Concat(lower.AsSpan(0, lower.Length - 1), ((char)(last + 1)).ToString()));
    }

    private static string EncodeToken(string azureToken) => Convert.ToBase64String(Encoding.UTF8.GetBytes(azureToken));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The continuation token '{token}' is not one this instance index handed out.", nameof(token), e);
        }
    }

    private InstanceRecord ToRecord(TableEntity entity)
    {
        var instanceId = entity.GetString(InstanceIdProperty);
        var name = entity.GetString(NameProperty);
        var status = entity.GetString(RuntimeStatusProperty);
        var created = entity.GetDateTimeOffset(CreatedTimeProperty);
        var updated = entity.GetDateTimeOffset(LastUpdatedTimeProperty);
        if (instanceId is null || name is null || status is null || created is null || updated is null)
        {
            throw new InvalidOperationException($"The instance row '{entity.RowKey}' in table {table.Name} is damaged: a property is missing.");
        }

        if (!Enum.TryParse<RuntimeStatus>(status, ignoreCase: false, out var runtimeStatus) || !Enum.IsDefined(runtimeStatus))
        {
            throw new InvalidOperationException($"The instance row '{entity.RowKey}' in table {table.Name} is damaged: '{status}' is not a runtime status.");
        }

        return new InstanceRecord
        {
            InstanceId = instanceId,
            Name = name,
            RuntimeStatus = runtimeStatus,
            CreatedTime = created.Value,
            LastUpdatedTime = updated.Value,
        };
    }

    private ValueTask<TableClient> GetTableAsync(CancellationToken cancellationToken) =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), cancellationToken);

    [LoggerMessage(EventId = LogEventIds.Runtime.InstanceTableReady, Level = LogLevel.Information, Message = "The instance index is kept in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);
}
