using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Orleans reminder table on Azure Table Storage, in the <c>{hub}Reminders</c> table. Each reminder's partition is its
/// service id and its grain's uniform hash as eight hex digits, so a range of the hash ring is a range of partition keys.
/// </summary>
public sealed partial class AzureTableReminderTable : IReminderTable
{
    private const string GrainIdProperty = "GrainId";
    private const string ReminderNameProperty = "ReminderName";
    private const string StartAtTicksProperty = "StartAtUtcTicks";
    private const string PeriodTicksProperty = "PeriodTicks";

    private readonly LazyTable table;
    private readonly string partitionPrefix;
    private readonly ILogger<AzureTableReminderTable> logger;

    /// <summary>Creates the reminder table of the cluster's service.</summary>
    /// <param name="options">Where to store; validated here.</param>
    /// <param name="clusterOptions">The cluster's service id keeps its reminders apart from other services'.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableReminderTable(
        AzureTableStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<AzureTableReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "reminders");
        var serviceId = clusterOptions.Value.ServiceId;
        if (string.IsNullOrEmpty(serviceId))
        {
            throw new ArgumentException("The cluster's ServiceId is empty; reminders are kept per service.", nameof(clusterOptions));
        }

        // '_' ends the service part and is escaped inside it, so one service's key range never takes in another's.
        partitionPrefix = TableKeys.Escape(serviceId, alsoEscape: '_') + "_";
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.Reminders(options.TaskHubName)));
    }

    /// <summary>The name of the table the reminders are kept in.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public async Task Init() => await GetTableAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(grainId)} and GrainId eq {grainId.ToString()}");
        return await QueryAsync(client, filter).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the reminders whose grain hash is in (<paramref name="begin"/>, <paramref name="end"/>]; when
    /// <paramref name="begin"/> is not below <paramref name="end"/> the range wraps around the ring
    /// (hash above <paramref name="begin"/> or at most <paramref name="end"/>), and equal bounds mean the whole ring.
    /// </summary>
    /// <param name="begin">The exclusive lower bound.</param>
    /// <param name="end">The inclusive upper bound.</param>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        var lower = PartitionKey(begin);
        var upper = PartitionKey(end);
        var filter = begin < end
            ? TableClient.CreateQueryFilter($"PartitionKey gt {lower} and PartitionKey le {upper}")
            : TableClient.CreateQueryFilter(
                $"(PartitionKey gt {lower} and PartitionKey le {PartitionKey(uint.MaxValue)}) or (PartitionKey ge {PartitionKey(0)} and PartitionKey le {upper})");
        return await QueryAsync(client, filter).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(PartitionKey(grainId), RowKey(grainId, reminderName))
            .ConfigureAwait(false);

        // Orleans expects null for a reminder that does not exist.
        return response.HasValue && response.Value is not null ? ToEntry(response.Value) : null;
    }

    /// <inheritdoc />
    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.ReminderName);
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        var entity = new TableEntity(PartitionKey(entry.GrainId), RowKey(entry.GrainId, entry.ReminderName))
        {
            [GrainIdProperty] = entry.GrainId.ToString(),
            [ReminderNameProperty] = entry.ReminderName,
            [StartAtTicksProperty] = ToUtc(entry.StartAt).Ticks,
            [PeriodTicksProperty] = entry.Period.Ticks,
        };
        var response = await client.UpsertEntityAsync(entity, TableUpdateMode.Replace).ConfigureAwait(false);
        return response.Headers.ETag?.ToString()
            ?? throw new InvalidOperationException($"Table {table.Name} returned no ETag for reminder '{entry.ReminderName}' of grain {entry.GrainId}.");
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // A missing row comes back as 404 rather than an exception.
            var response = await client.DeleteEntityAsync(PartitionKey(grainId), RowKey(grainId, reminderName), new ETag(eTag))
                .ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            LogStaleRemove(logger, reminderName, grainId, e.Status);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task TestOnlyClearTable()
    {
        var client = await GetTableAsync(CancellationToken.None).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionKey(0)} and PartitionKey le {PartitionKey(uint.MaxValue)}");
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]).ConfigureAwait(false))
        {
            await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All).ConfigureAwait(false);
        }
    }

    private ValueTask<TableClient> GetTableAsync(CancellationToken cancellationToken) =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), cancellationToken);

    private string PartitionKey(GrainId grainId) => PartitionKey(grainId.GetUniformHashCode());

    private string PartitionKey(uint hash) => partitionPrefix + hash.ToString("X8", CultureInfo.InvariantCulture);

    private static string RowKey(GrainId grainId, string reminderName) => TableKeys.Compose(grainId.ToString(), reminderName);

    private async Task<ReminderTableData> QueryAsync(TableClient client, string filter)
    {
        var entries = new List<ReminderEntry>();
        await foreach (var entity in client.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            entries.Add(ToEntry(entity));
        }

        return new ReminderTableData(entries);
    }

    private ReminderEntry ToEntry(TableEntity entity)
    {
        var grainId = entity.GetString(GrainIdProperty);
        var reminderName = entity.GetString(ReminderNameProperty);
        var startAt = entity.GetInt64(StartAtTicksProperty);
        var period = entity.GetInt64(PeriodTicksProperty);
        if (grainId is null || reminderName is null || startAt is null || period is null)
        {
            throw new InvalidOperationException(
                $"The reminder row ({entity.PartitionKey}, {entity.RowKey}) in table {table.Name} is damaged: a property is missing.");
        }

        return new ReminderEntry
        {
            GrainId = GrainId.Parse(grainId, CultureInfo.InvariantCulture),
            ReminderName = reminderName,
            StartAt = new DateTime(startAt.Value, DateTimeKind.Utc),
            Period = TimeSpan.FromTicks(period.Value),
            ETag = entity.ETag.ToString(),
        };
    }

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    [LoggerMessage(EventId = LogEventIds.Runtime.ReminderTableReady, Level = LogLevel.Information, Message = "Reminders are kept in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.ReminderStaleRemove, Level = LogLevel.Debug,
        Message = "Reminder {ReminderName} of grain {GrainId} was not removed: it changed or is gone (status {Status})")]
    private static partial void LogStaleRemove(ILogger logger, string reminderName, GrainId grainId, int status);
}
