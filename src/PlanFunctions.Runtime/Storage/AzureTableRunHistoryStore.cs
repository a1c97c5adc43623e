using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.History;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Run histories in the <c>{hub}History</c> table: one partition per run (its escaped instance id), one row per event
/// whose row key is the event's position as ten zero-padded digits, so the partition reads back in order. Each row holds
/// the event as System.Text.Json (<see cref="PlanJson.Options"/>) split over binary properties.
/// </summary>
/// <remarks>
/// Appends are insert-only entity-group transactions: a writer whose <c>expectedCount</c> is below the real count
/// collides with an existing row (409), and the first transaction also touches row <c>expectedCount - 1</c>, so a writer
/// whose count is above the real one finds it missing (404); both fail the whole transaction and raise
/// <see cref="RunHistoryConflictException"/>. A transaction holds at most 100 rows and 4 MiB, so a larger append is
/// written in several in order; if one of the later ones fails the history keeps a prefix of the append, which is
/// still a history the run can be rebuilt from (events are recorded before they are acted on).
/// </remarks>
public sealed partial class AzureTableRunHistoryStore : IRunHistoryStore
{
    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxActionsPerTransaction = 100;

    // A transaction's payload may be 4 MiB; binary properties travel base64-encoded (4/3), so 2 MiB of data leaves room.
    private const int MaxDataBytesPerTransaction = 2 * 1024 * 1024;
    private const string EventTypeProperty = "EventType";

    private readonly LazyTable table;
    private readonly ILogger<AzureTableRunHistoryStore> logger;

    /// <summary>Creates the history store of the task hub the options name.</summary>
    /// <param name="options">Where to store; validated here.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableRunHistoryStore(AzureTableStorageOptions options, ILogger<AzureTableRunHistoryStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "run history");
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.History(options.TaskHubName)));
    }

    /// <summary>The name of the table the histories are kept in.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(instanceId)}");
        var events = new List<RunEvent>();
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var sequence = events.Count;
            if (entity.RowKey != RowKey(entity.PartitionKey, sequence))
            {
                throw Damaged(instanceId, sequence, $"the next row is '{entity.RowKey}'");
            }

            var data = ChunkedData.Read(entity, problem => Damaged(instanceId, sequence, problem));
            RunEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<RunEvent>(data, PlanJson.Options);
            }
            catch (JsonException exception)
            {
                throw Damaged(instanceId, sequence, $"it is not a valid event: {exception.Message}", exception);
            }

            events.Add(e ?? throw Damaged(instanceId, sequence, "it is null"));
        }

        return events;
    }

    /// <inheritdoc />
    public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        var partitionKey = PartitionKey(instanceId);
        var entities = new List<TableEntity>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            entities.Add(CreateEntity(partitionKey, instanceId, expectedCount + i, events[i]));
        }

        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        if (entities.Count == 0)
        {
            await CheckCountAsync(client, instanceId, expectedCount, cancellationToken).ConfigureAwait(false);
            return;
        }

        var first = true;
        foreach (var batch in Batches(entities, guardFirst: expectedCount > 0))
        {
            var actions = new List<TableTransactionAction>(batch.Count + 1);
            var guarded = first && expectedCount > 0;
            if (guarded)
            {
                // Touching the last event the writer knows of fails the transaction with 404 when the history is shorter.
                actions.Add(new TableTransactionAction(
                    TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, RowKey(partitionKey, expectedCount - 1)), ETag.All));
            }

            actions.AddRange(batch.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)));
            try
            {
                await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 || (e.Status == 404 && guarded && e.FailedTransactionActionIndex == 0))
            {
                var stored = e.Status == 404 ? "fewer" : "more";
                LogConflict(logger, instanceId, expectedCount, stored);
                throw new RunHistoryConflictException(
                    $"The history of run '{instanceId}' has {stored} than the {expectedCount} events expected: another writer appended first.", e);
            }

            first = false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = PartitionKey(instanceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rowKeys = new List<string>();
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rowKeys.Add(entity.RowKey);
        }

        foreach (var batch in rowKeys.Chunk(MaxActionsPerTransaction))
        {
            try
            {
                await client.SubmitTransactionAsync(
                    batch.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Someone else deleted some of these rows meanwhile; delete the rest one by one (a missing row is not an error there).
                foreach (var rowKey in batch)
                {
                    await client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return rowKeys.Count > 0;
    }

    private static string PartitionKey(string instanceId) => TableKeys.Limit(TableKeys.Escape(instanceId));

    /// <summary>
    /// The row of event <paramref name="sequence"/>: the partition key, then the sequence in 10 digits, so that rows sort
    /// by sequence within the run's partition. The prefix is redundant on Azure, where partition and row key together
    /// are the key; Azurite looks an entity up by its row key first, and with bare sequence numbers every run's row 5
    /// shared one key, so each append or read scanned a row of every run ever stored.
    /// </summary>
    private static string RowKey(string partitionKey, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{partitionKey}.{sequence:D10}");

    private static TableEntity CreateEntity(string partitionKey, string instanceId, int sequence, RunEvent e)
    {
        if (e is null)
        {
            throw new ArgumentException($"Event {sequence} of the append to run '{instanceId}' is null.", "events");
        }

        var eventType = e.GetType().Name;
        var data = JsonSerializer.SerializeToUtf8Bytes(e, PlanJson.Options);
        var rowKey = RowKey(partitionKey, sequence);
        var size = TableEntitySize.Keys(partitionKey, rowKey) + TableEntitySize.Text(EventTypeProperty, eventType) + ChunkedData.Size(data.Length);
        if (size > TableEntitySize.MaxEntityBytes)
        {
            throw new InvalidOperationException(
                $"Event {sequence} ({eventType}) of run '{instanceId}' needs {size:N0} bytes in Azure Table Storage, more than the "
                + $"{TableEntitySize.MaxEntityBytes:N0} bytes one entity may hold; nothing was appended.");
        }

        var entity = new TableEntity(partitionKey, rowKey) { [EventTypeProperty] = eventType };
        ChunkedData.Write(entity, data);
        return entity;
    }

    /// <summary>Splits the rows into transactions within the action and payload limits, keeping their order.</summary>
    private static IEnumerable<List<TableEntity>> Batches(List<TableEntity> entities, bool guardFirst)
    {
        var batch = new List<TableEntity>();
        var capacity = guardFirst ? MaxActionsPerTransaction - 1 : MaxActionsPerTransaction;
        long dataBytes = 0;
        foreach (var entity in entities)
        {
            var bytes = entity.GetInt32(ChunkedData.LengthProperty) ?? 0;
            if (batch.Count > 0 && (batch.Count == capacity || dataBytes + bytes > MaxDataBytesPerTransaction))
            {
                yield return batch;
                batch = [];
                capacity = MaxActionsPerTransaction;
                dataBytes = 0;
            }

            batch.Add(entity);
            dataBytes += bytes;
        }

        yield return batch;
    }

    /// <summary>An empty append changes nothing but must still fail when the history does not have <paramref name="expectedCount"/> events.</summary>
    private async Task CheckCountAsync(TableClient client, string instanceId, int expectedCount, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKey(instanceId);
        var fewer = expectedCount > 0 && !await ExistsAsync(client, partitionKey, RowKey(partitionKey, expectedCount - 1), cancellationToken).ConfigureAwait(false);
        var more = !fewer && await ExistsAsync(client, partitionKey, RowKey(partitionKey, expectedCount), cancellationToken).ConfigureAwait(false);
        if (fewer || more)
        {
            var stored = fewer ? "fewer" : "more";
            LogConflict(logger, instanceId, expectedCount, stored);
            throw new RunHistoryConflictException(
                $"The history of run '{instanceId}' has {stored} than the {expectedCount} events expected: another writer appended first.");
        }
    }

    private static async Task<bool> ExistsAsync(TableClient client, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    private ValueTask<TableClient> GetTableAsync(CancellationToken cancellationToken) =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), cancellationToken);

    private InvalidOperationException Damaged(string instanceId, int sequence, string problem, Exception? cause = null) =>
        new($"Event {sequence} of run '{instanceId}' in table {table.Name} is damaged: {problem}.", cause);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Run histories are kept in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information,
        Message = "Append to the history of run {InstanceId} at {ExpectedCount} events refused: the stored history has {Stored} events")]
    private static partial void LogConflict(ILogger logger, string instanceId, int expectedCount, string stored);
}
