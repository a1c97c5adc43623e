using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.History;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Run histories in the <c>{hub}History</c> table: one partition per run (its escaped instance id), one row per append
/// (or per entity-sized part of a large one) whose row key is the position of its first event, ten zero-padded digits
/// after the partition key, so the partition reads back in order. A row holds its events as a System.Text.Json array
/// (<see cref="PlanJson.Options"/>) split over binary properties, and their number.
/// </summary>
/// <remarks>
/// <para>
/// Appends are insert-only entity-group transactions: a writer whose <c>expectedCount</c> is below the real count
/// collides with the row that starts there (409), and the first transaction also touches the row that ends at
/// <c>expectedCount</c>, so a writer whose count is above the real one, or between two rows, finds it missing (404);
/// both fail the whole transaction and raise <see cref="RunHistoryConflictException"/>. The writer knows that row from its
/// own last append or read; a store that does not (another host wrote last) reads the row keys first. The first append
/// of a run touches nothing and is a single insert.
/// </para>
/// <para>
/// A row per append rather than per event: a chain step's append (its result and the next dispatch) is then one row
/// and the guard, where it was two rows and the guard, and Azurite, like Azure, charges by the row.
/// A transaction holds at most 100 rows and 4 MiB, so a larger append is written in several in order; if one of the
/// later ones fails the history keeps a prefix of the append, which is still a history the run can be rebuilt from
/// (events are recorded before they are acted on).
/// </para>
/// </remarks>
public sealed partial class AzureTableRunHistoryStore : IRunHistoryStore
{
    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxActionsPerTransaction = 100;

    // A transaction's payload may be 4 MiB; binary properties travel base64-encoded (4/3), so 2 MiB of data leaves room.
    private const int MaxDataBytesPerTransaction = 2 * 1024 * 1024;

    // A row's events up to this many bytes of JSON: an entity holds 1 MiB, and keys and properties need some of it.
    private const int MaxDataBytesPerRow = 960 * 1024;
    private const string EventCountProperty = "EventCount";

    // The last row each run's writer knows of, so that an append can touch it without reading; bounded, a miss costs a query.
    private const int MaxKnownRuns = 10_000;

    private readonly LazyTable table;
    private readonly ILogger<AzureTableRunHistoryStore> logger;
    private readonly ConcurrentDictionary<string, LastRow> lastRows = new(StringComparer.Ordinal);

    /// <summary>Creates the store on the table of <paramref name="options"/>' task hub; the table is created on first use.</summary>
    public AzureTableRunHistoryStore(AzureTableStorageOptions options, ILogger<AzureTableRunHistoryStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "run history");
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.History(options.TaskHubName)));
    }

    /// <summary>The table's name.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var partitionKey = PartitionKey(instanceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var events = new List<RunEvent>();
        string? lastRowKey = null;
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var sequence = events.Count;
            if (entity.RowKey != RowKey(partitionKey, sequence))
            {
                throw Damaged(instanceId, sequence, $"the next row is '{entity.RowKey}'");
            }

            var count = entity.GetInt32(EventCountProperty);
            if (count is null or < 1)
            {
                throw Damaged(instanceId, sequence, $"{EventCountProperty} is missing");
            }

            var data = ChunkedData.Read(entity, problem => Damaged(instanceId, sequence, problem));
            List<RunEvent?>? read;
            try
            {
                read = JsonSerializer.Deserialize<List<RunEvent?>>(data, PlanJson.Options);
            }
            catch (JsonException exception)
            {
                throw Damaged(instanceId, sequence, $"it does not hold valid events: {exception.Message}", exception);
            }

            if (read is null || read.Count != count)
            {
                throw Damaged(instanceId, sequence, $"the row holds {read?.Count ?? 0} events, not the {count} recorded");
            }

            foreach (var e in read)
            {
                events.Add(e ?? throw Damaged(instanceId, events.Count, "it is null"));
            }

            lastRowKey = entity.RowKey;
        }

        Remember(instanceId, lastRowKey is null ? null : new LastRow(events.Count, lastRowKey));
        return events;
    }

    /// <inheritdoc />
    public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        var partitionKey = PartitionKey(instanceId);
        var rows = Rows(partitionKey, instanceId, expectedCount, events);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            await CheckCountAsync(client, instanceId, expectedCount, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The row the history ends with, as this writer knows it: touched by the first transaction (see the remarks).
        var guard = expectedCount == 0 ? null : await LastRowKeyAsync(client, instanceId, expectedCount, cancellationToken).ConfigureAwait(false);
        try
        {
            if (guard is null && rows.Count == 1)
            {
                await client.AddEntityAsync(rows[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SubmitAsync(client, instanceId, partitionKey, expectedCount, guard, rows, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status == 409 && e is not TableTransactionFailedException)
        {
            throw Conflict(instanceId, expectedCount, "more", e);
        }

        Remember(instanceId, new LastRow(expectedCount + events.Count, rows[^1].RowKey));
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

        lastRows.TryRemove(instanceId, out _);
        return rowKeys.Count > 0;
    }

    private static string PartitionKey(string instanceId) => TableKeys.Limit(TableKeys.Escape(instanceId));

    /// <summary>
    /// The row whose first event is <paramref name="sequence"/>: the partition key, then the sequence in 10 digits, so
    /// that rows sort by sequence within the run's partition. The prefix is redundant on Azure, where partition and row
    /// key together are the key; Azurite looks an entity up by its row key first, and with bare sequence numbers every
    /// run's row 0 shared one key, so each append or read scanned a row of every run ever stored.
    /// </summary>
    private static string RowKey(string partitionKey, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{partitionKey}.{sequence:D10}");

    /// <summary>The events as rows of at most <see cref="MaxDataBytesPerRow"/> bytes of JSON each, in order.</summary>
    private static List<TableEntity> Rows(string partitionKey, string instanceId, int expectedCount, IReadOnlyList<RunEvent> events)
    {
        var rows = new List<TableEntity>();
        var part = new List<byte[]>();
        var partStart = expectedCount;
        var partBytes = 2;

        // Every row key of a run has the same length (the partition key, then 10 digits).
        var keysBytes = TableEntitySize.Keys(partitionKey, RowKey(partitionKey, expectedCount));
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event {expectedCount + i} of the append to run '{instanceId}' is null.", nameof(events));
            var data = JsonSerializer.SerializeToUtf8Bytes(e, PlanJson.Options);
            var sequence = expectedCount + i;
            var alone = keysBytes + RowOverhead + ChunkedData.Size(data.Length + 2);
            if (alone > TableEntitySize.MaxEntityBytes)
            {
                throw new InvalidOperationException(
                    $"Event {sequence} ({e.GetType().Name}) of run '{instanceId}' needs {alone:N0} bytes in Azure Table Storage, more than the "
                    + $"{TableEntitySize.MaxEntityBytes:N0} bytes one entity may hold; nothing was appended.");
            }

            if (part.Count > 0 && partBytes + 1 + data.Length > MaxDataBytesPerRow)
            {
                rows.Add(Row(partitionKey, partStart, part, partBytes));
                part = [];
                partStart = sequence;
                partBytes = 2;
            }

            partBytes += (part.Count > 0 ? 1 : 0) + data.Length;
            part.Add(data);
        }

        if (part.Count > 0)
        {
            rows.Add(Row(partitionKey, partStart, part, partBytes));
        }

        return rows;
    }

    // The property other than the data: the number of events.
    private static long RowOverhead => TableEntitySize.Property(EventCountProperty, 4);

    private static TableEntity Row(string partitionKey, int start, List<byte[]> events, int bytes)
    {
        var data = new byte[bytes];
        data[0] = (byte)'[';
        var at = 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                data[at++] = (byte)',';
            }

            events[i].CopyTo(data, at);
            at += events[i].Length;
        }

        data[at] = (byte)']';
        var entity = new TableEntity(partitionKey, RowKey(partitionKey, start)) { [EventCountProperty] = events.Count };
        ChunkedData.Write(entity, data);
        return entity;
    }

    private async Task SubmitAsync(
        TableClient client, string instanceId, string partitionKey, int expectedCount, string? guard, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var first = true;
        foreach (var batch in Batches(rows, guardFirst: guard is not null))
        {
            var actions = new List<TableTransactionAction>(batch.Count + 1);
            var guarded = first && guard is not null;
            if (guarded)
            {
                // Touching the row the history ends with fails the transaction with 404 when the history is shorter or cut elsewhere.
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, guard), ETag.All));
            }

            actions.AddRange(batch.Select(entity => new TableTransactionAction(TableTransactionActionType.Add, entity)));
            try
            {
                await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 || (e.Status == 404 && guarded && e.FailedTransactionActionIndex == 0))
            {
                throw Conflict(instanceId, expectedCount, e.Status == 404 ? "fewer" : "more", e);
            }

            first = false;
        }
    }

    private static IEnumerable<List<TableEntity>> Batches(List<TableEntity> rows, bool guardFirst)
    {
        var batch = new List<TableEntity>();
        var capacity = guardFirst ? MaxActionsPerTransaction - 1 : MaxActionsPerTransaction;
        long dataBytes = 0;
        foreach (var row in rows)
        {
            var bytes = row.GetInt32(ChunkedData.LengthProperty) ?? 0;
            if (batch.Count > 0 && (batch.Count == capacity || dataBytes + bytes > MaxDataBytesPerTransaction))
            {
                yield return batch;
                batch = [];
                capacity = MaxActionsPerTransaction;
                dataBytes = 0;
            }

            batch.Add(row);
            dataBytes += bytes;
        }

        yield return batch;
    }

    /// <summary>
    /// The key of the row that ends at <paramref name="expectedCount"/>: known from this store's last append or read of
    /// the run, else read from the table; when no row ends there the append conflicts without being tried.
    /// </summary>
    private async Task<string> LastRowKeyAsync(TableClient client, string instanceId, int expectedCount, CancellationToken cancellationToken)
    {
        if (lastRows.TryGetValue(instanceId, out var known) && known.EventCount == expectedCount)
        {
            return known.RowKey;
        }

        var (count, rowKey, boundary) = await BoundariesAsync(client, instanceId, expectedCount, cancellationToken).ConfigureAwait(false);
        if (count != expectedCount || boundary is null)
        {
            throw Conflict(instanceId, expectedCount, count < expectedCount ? "fewer" : "more", cause: null);
        }

        Remember(instanceId, new LastRow(count, rowKey!));
        return boundary;
    }

    private async Task CheckCountAsync(TableClient client, string instanceId, int expectedCount, CancellationToken cancellationToken)
    {
        var (count, _, _) = await BoundariesAsync(client, instanceId, expectedCount, cancellationToken).ConfigureAwait(false);
        if (count != expectedCount)
        {
            throw Conflict(instanceId, expectedCount, count < expectedCount ? "fewer" : "more", cause: null);
        }
    }

    /// <summary>How many events the stored history holds, its last row, and the row that ends at <paramref name="position"/> if one does.</summary>
    private async Task<(int Count, string? LastRowKey, string? EndingAt)> BoundariesAsync(
        TableClient client, string instanceId, int position, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(instanceId)}");
        var count = 0;
        string? last = null;
        string? endingAt = null;
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, select: ["RowKey", EventCountProperty], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count += entity.GetInt32(EventCountProperty) ?? throw Damaged(instanceId, count, $"{EventCountProperty} is missing");
            last = entity.RowKey;
            if (count == position)
            {
                endingAt = entity.RowKey;
            }
        }

        return (count, last, endingAt);
    }

    private void Remember(string instanceId, LastRow? lastRow)
    {
        if (lastRow is null)
        {
            lastRows.TryRemove(instanceId, out _);
            return;
        }

        if (lastRows.Count >= MaxKnownRuns)
        {
            lastRows.Clear();
        }

        lastRows[instanceId] = lastRow.Value;
    }

    private RunHistoryConflictException Conflict(string instanceId, int expectedCount, string stored, Exception? cause)
    {
        lastRows.TryRemove(instanceId, out _);
        LogConflict(logger, instanceId, expectedCount, stored);
        var message = $"The history of run '{instanceId}' has {stored} than the {expectedCount} events expected: another writer appended first.";
        return cause is null ? new RunHistoryConflictException(message) : new RunHistoryConflictException(message, cause);
    }

    private ValueTask<TableClient> GetTableAsync(CancellationToken cancellationToken) =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), cancellationToken);

    private InvalidOperationException Damaged(string instanceId, int sequence, string problem, Exception? cause = null) =>
        new($"Event {sequence} of run '{instanceId}' in table {table.Name} is damaged: {problem}.", cause);

    [LoggerMessage(EventId = LogEventIds.Runtime.HistoryTableReady, Level = LogLevel.Information, Message = "Run histories are kept in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.HistoryConflict, Level = LogLevel.Information,
        Message = "Append to the history of run {InstanceId} at {ExpectedCount} events refused: the stored history has {Stored} events")]
    private static partial void LogConflict(ILogger logger, string instanceId, int expectedCount, string stored);

    private readonly record struct LastRow(int EventCount, string RowKey);
}
