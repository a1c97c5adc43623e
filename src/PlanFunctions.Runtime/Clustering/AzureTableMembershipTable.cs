using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Clustering;

/// <summary>
/// Orleans cluster membership in the <c>{hub}Membership</c> table. Each cluster id has a partition with one version row
/// and one row per silo; inserts and updates change a silo row and the version row in one entity group transaction
/// conditioned on the version row's etag, so they succeed or fail together. Silos that share the storage account, task
/// hub and cluster id form one cluster.
/// </summary>
public sealed partial class AzureTableMembershipTable : IMembershipTable
{
    // A partition read that tears (a transaction lands between the version row and a later row) is tried again.
    private const int ReadAttempts = 5;

    private readonly LazyTable table;
    private readonly string clusterId;
    private readonly string partitionKey;
    private readonly ILogger<AzureTableMembershipTable> logger;

    /// <summary>Creates the membership table of the configured cluster.</summary>
    /// <param name="options">Where to store; validated here.</param>
    /// <param name="clusterOptions">The cluster id chooses the partition.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableMembershipTable(
        AzureTableStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<AzureTableMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "membership");
        clusterId = clusterOptions.Value.ClusterId;
        if (string.IsNullOrEmpty(clusterId))
        {
            throw new ArgumentException("The cluster's ClusterId is empty; membership is kept per cluster.", nameof(clusterOptions));
        }

        partitionKey = MembershipRows.PartitionKey(clusterId);
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.Membership(options.TaskHubName)));
    }

    /// <summary>The name of the table membership is kept in.</summary>
    public string TableName => table.Name;

    /// <summary>Creates the table and, if <paramref name="tryInitTableVersion"/>, the version row at version 0 unless it exists.</summary>
    /// <param name="tryInitTableVersion">Whether to create the version row; silos do, clients do not.</param>
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        var client = await GetTableAsync().ConfigureAwait(false);
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await client.AddEntityAsync(MembershipRows.VersionRow(partitionKey, 0)).ConfigureAwait(false);
            LogVersionRowCreated(logger, clusterId, table.Name);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another silo created it first; its version stands.
        }
    }

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var client = await GetTableAsync().ConfigureAwait(false);
        var partition = MembershipRows.PartitionKey(clusterId);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"]).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        // Silo rows before the version row, so a read meanwhile never finds silo rows without a version above theirs.
        foreach (var row in rows.OrderBy(MembershipRows.IsVersionRow))
        {
            // A row another silo removed meanwhile is gone all the same (404 comes back as a response).
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All).ConfigureAwait(false);
        }

        LogClusterDeleted(logger, clusterId, rows.Count, table.Name);
    }

    /// <summary>
    /// Removes the rows of dead silos whose last known update (heartbeat, start or a vote that declared them dead) is
    /// before <paramref name="beforeDate"/>. Live silos' rows and the version row stay.
    /// </summary>
    /// <param name="beforeDate">Rows last updated before this are removed.</param>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var client = await GetTableAsync().ConfigureAwait(false);
        var dead = SiloStatus.Dead.ToString();
        var removed = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and Status eq {dead}")).ConfigureAwait(false))
        {
            var entry = MembershipRows.ToEntry(row, table.Name);
            if (LastUpdate(entry) >= beforeDate)
            {
                continue;
            }

            try
            {
                // Conditioned on what was read: a row that changed meanwhile is looked at again next time.
                var response = await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag).ConfigureAwait(false);
                removed += response.Status == 404 ? 0 : 1;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }

        LogDefunctRemoved(logger, removed, clusterId, beforeDate);
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var siloRowKey = MembershipRows.RowKey(key);
        return await ReadAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and (RowKey eq {MembershipRows.VersionRowKey} or RowKey eq {siloRowKey})")).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAll() =>
        ReadAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));

    /// <summary>
    /// Adds <paramref name="entry"/> and sets the table version to <paramref name="tableVersion"/> in one transaction,
    /// conditioned on its etag (an empty etag means no version row is expected yet). Returns false, changing nothing,
    /// if the silo already has a row or the version moved on.
    /// </summary>
    /// <param name="entry">The new silo's entry.</param>
    /// <param name="tableVersion">The new version and the etag of the version it follows.</param>
    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var client = await GetTableAsync().ConfigureAwait(false);
        var row = MembershipRows.SiloRow(partitionKey, clusterId, entry, tableVersion.Version, NewRowToken());
        return await SubmitAsync(client, new TableTransactionAction(TableTransactionActionType.Add, row), tableVersion, entry.SiloAddress)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the silo's entry and sets the table version to <paramref name="tableVersion"/> in one transaction,
    /// conditioned on its etag. Returns false, changing nothing, if the silo has no row, its row changed since
    /// <paramref name="etag"/> was read (heartbeats aside), or the version moved on.
    /// </summary>
    /// <param name="entry">The silo's new entry.</param>
    /// <param name="etag">The row etag from the read this update is based on.</param>
    /// <param name="tableVersion">The new version and the etag of the version it follows.</param>
    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var client = await GetTableAsync().ConfigureAwait(false);
        var siloRowKey = MembershipRows.RowKey(entry.SiloAddress);
        var current = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, siloRowKey).ConfigureAwait(false);
        if (!current.HasValue || current.Value is null)
        {
            LogConflict(logger, "update", entry.SiloAddress, "the silo has no row");
            return false;
        }

        if (MembershipRows.ReadRowToken(current.Value, table.Name) != etag)
        {
            LogConflict(logger, "update", entry.SiloAddress, "its row changed since it was read");
            return false;
        }

        // The token is only changed by transactions that also move the version, so checking it here and the version etag
        // in the transaction is as good as checking both there. The row itself is replaced unconditionally, because a
        // heartbeat may have touched it meanwhile; its newer heartbeat is kept.
        var stored = MembershipRows.ToEntry(current.Value, table.Name);
        var written = entry.IAmAliveTime >= stored.IAmAliveTime ? entry : WithIAmAlive(entry, stored.IAmAliveTime);
        var row = MembershipRows.SiloRow(partitionKey, clusterId, written, tableVersion.Version, NewRowToken());
        return await SubmitAsync(
                client, new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, ETag.All), tableVersion, entry.SiloAddress)
            .ConfigureAwait(false);
    }

    /// <summary>Writes the silo's heartbeat time and nothing else: its row token and the table version stay as they are.</summary>
    /// <param name="entry">The silo's entry with the new <see cref="MembershipEntry.IAmAliveTime"/>.</param>
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var client = await GetTableAsync().ConfigureAwait(false);
        var heartbeat = new TableEntity(partitionKey, MembershipRows.RowKey(entry.SiloAddress))
        {
            [MembershipRows.IAmAliveTimeProperty] = MembershipRows.ToUtcOffset(entry.IAmAliveTime),
        };
        try
        {
            await client.UpdateEntityAsync(heartbeat, ETag.All, TableUpdateMode.Merge).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidOperationException(
                $"Silo {entry.SiloAddress} has no row in membership table {table.Name} (cluster '{clusterId}'), so its heartbeat cannot be written.", e);
        }
    }

    private ValueTask<TableClient> GetTableAsync() =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), CancellationToken.None);

    private async Task<bool> SubmitAsync(TableClient client, TableTransactionAction siloAction, TableVersion tableVersion, SiloAddress silo)
    {
        var versionRow = MembershipRows.VersionRow(partitionKey, tableVersion.Version);
        var versionAction = string.IsNullOrEmpty(tableVersion.VersionEtag)
            ? new TableTransactionAction(TableTransactionActionType.Add, versionRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, versionRow, new ETag(tableVersion.VersionEtag));
        try
        {
            await client.SubmitTransactionAsync([siloAction, versionAction]).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            var operation = siloAction.ActionType == TableTransactionActionType.Add ? "insert" : "update";
            var reason = e.FailedTransactionActionIndex == 1 ? "the table version moved on" : "its row exists or is gone";
            LogConflict(logger, operation, silo, reason);
            return false;
        }
    }

    private async Task<MembershipTableData> ReadAsync(string filter)
    {
        var client = await GetTableAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            TableVersion? version = null;
            var members = new List<Tuple<MembershipEntry, string>>();
            var newest = int.MinValue;
            await foreach (var row in client.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
            {
                if (MembershipRows.IsVersionRow(row))
                {
                    version = new TableVersion(MembershipRows.ReadVersion(row, table.Name), row.ETag.ToString());
                }
                else
                {
                    members.Add(Tuple.Create(MembershipRows.ToEntry(row, table.Name), MembershipRows.ReadRowToken(row, table.Name)));
                    newest = Math.Max(newest, MembershipRows.ReadWrittenAtVersion(row, table.Name));
                }
            }

            // The version row sorts first, so a row written with a newer version means a transaction landed mid-read.
            version ??= new TableVersion(0, string.Empty); // No version row yet: an insert creates it.
            if (newest <= version.Version)
            {
                return new MembershipTableData(members, version);
            }

            if (attempt == ReadAttempts)
            {
                throw new InvalidOperationException(
                    $"Membership table {table.Name} (cluster '{clusterId}') kept changing while it was read: a silo row has version {newest}, the table {version.Version}.");
            }
        }
    }

    private static DateTimeOffset LastUpdate(MembershipEntry entry)
    {
        var last = Max(entry.IAmAliveTime, entry.StartTime);
        foreach (var vote in entry.SuspectTimes ?? [])
        {
            last = Max(last, vote.Item2);
        }

        return MembershipRows.ToUtcOffset(last);
    }

    private static DateTime Max(DateTime a, DateTime b) => a >= b ? a : b;

    private static MembershipEntry WithIAmAlive(MembershipEntry entry, DateTime iAmAliveTime) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = entry.Status,
        SuspectTimes = entry.SuspectTimes,
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = iAmAliveTime,
    };

    private static string NewRowToken() => Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = LogEventIds.Runtime.MembershipTableReady, Level = LogLevel.Information, Message = "Cluster membership is kept in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.MembershipVersionRowCreated, Level = LogLevel.Information, Message = "Created the version row of cluster {ClusterId} in table {TableName}")]
    private static partial void LogVersionRowCreated(ILogger logger, string clusterId, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.MembershipConflict, Level = LogLevel.Debug, Message = "Membership {Operation} of silo {Silo} lost a race: {Reason}")]
    private static partial void LogConflict(ILogger logger, string operation, SiloAddress silo, string reason);

    [LoggerMessage(EventId = LogEventIds.Runtime.MembershipDefunctRemoved, Level = LogLevel.Information, Message = "Removed {Count} dead silo rows of cluster {ClusterId} last updated before {BeforeDate}")]
    private static partial void LogDefunctRemoved(ILogger logger, int count, string clusterId, DateTimeOffset beforeDate);

    [LoggerMessage(EventId = LogEventIds.Runtime.MembershipClusterDeleted, Level = LogLevel.Information, Message = "Deleted the {Count} membership rows of cluster {ClusterId} from table {TableName}")]
    private static partial void LogClusterDeleted(ILogger logger, string clusterId, int count, string tableName);
}
