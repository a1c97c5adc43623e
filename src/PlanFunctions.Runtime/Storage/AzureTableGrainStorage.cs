using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Orleans grain storage on Azure Table Storage: one entity per grain and state name in the <c>{hub}GrainState</c>
/// table, the state as System.Text.Json split over binary properties, optimistic concurrency by ETag.
/// </summary>
public sealed partial class AzureTableGrainStorage : IGrainStorage
{
    /// <summary>The most bytes one binary property holds.</summary>
    public const int MaxPropertyBytes = ChunkedData.MaxPropertyBytes;

    /// <summary>The most bytes one entity holds, properties and keys together.</summary>
    public const int MaxEntityBytes = TableEntitySize.MaxEntityBytes;

    private const string GrainIdProperty = "GrainId";
    private const string StateNameProperty = "StateName";

    private readonly string name;
    private readonly LazyTable table;
    private readonly JsonSerializerOptions serializerOptions;
    private readonly IActivatorProvider activatorProvider;
    private readonly ILogger<AzureTableGrainStorage> logger;

    /// <summary>Creates the storage provider <paramref name="name"/>.</summary>
    /// <param name="name">The provider's name, as grains refer to it.</param>
    /// <param name="options">Where to store; validated here.</param>
    /// <param name="activatorProvider">Creates the empty state of a grain that has none stored.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableGrainStorage(
        string name,
        AzureTableStorageOptions options,
        IActivatorProvider activatorProvider,
        ILogger<AzureTableGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, name);

        this.name = name;
        this.activatorProvider = activatorProvider;
        this.logger = logger;
        serializerOptions = options.SerializerOptions;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.GrainState(options.TaskHubName)));
    }

    /// <summary>The name of the table the state is kept in.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);

        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            ResetState(grainState);
            return;
        }

        var entity = response.Value;
        var data = ReadData(entity, stateName, grainId);
        T? state;
        try
        {
            state = JsonSerializer.Deserialize<T>(data, serializerOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"The stored state '{stateName}' of grain {grainId} in table {table.Name} is not valid JSON for {typeof(T).Name}: {e.Message}", e);
        }

        grainState.State = state ?? CreateEmpty<T>();
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var data = JsonSerializer.SerializeToUtf8Bytes(grainState.State, serializerOptions);
        var entity = CreateEntity(partitionKey, rowKey, stateName, grainId, data);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);

        Response response;
        try
        {
            response = grainState.ETag is null
                ? await client.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await client.UpdateEntityAsync(entity, new ETag(grainState.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            throw await ConflictAsync(client, "write", stateName, grainId, grainState.ETag, partitionKey, rowKey, e, cancellationToken)
                .ConfigureAwait(false);
        }

        grainState.ETag = response.Headers.ETag?.ToString();
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var client = await GetTableAsync(cancellationToken).ConfigureAwait(false);

        if (grainState.ETag is null)
        {
            // The grain believes nothing is stored; if something is, another activation wrote it.
            var stored = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [ChunkedData.LengthProperty], cancellationToken)
                .ConfigureAwait(false);
            if (stored.HasValue && stored.Value is not null)
            {
                throw Conflict("clear", stateName, grainId, stored.Value.ETag.ToString(), currentETag: null, cause: null);
            }
        }
        else
        {
            try
            {
                // A row already gone (404 is returned, not thrown) is what clearing wants; only a changed row conflicts.
                await client.DeleteEntityAsync(partitionKey, rowKey, new ETag(grainState.ETag), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                throw await ConflictAsync(client, "clear", stateName, grainId, grainState.ETag, partitionKey, rowKey, e, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        ResetState(grainState);
    }

    private static (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (TableKeys.Limit(TableKeys.Escape(grainId.ToString())), TableKeys.Limit(TableKeys.Escape(stateName)));

    private ValueTask<TableClient> GetTableAsync(CancellationToken cancellationToken) =>
        table.GetAsync(tableName => LogTableReady(logger, name, tableName), cancellationToken);

    private void ResetState<T>(IGrainState<T> grainState)
    {
        grainState.State = CreateEmpty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T CreateEmpty<T>() => activatorProvider.GetActivator<T>().Create();

    private static TableEntity CreateEntity(string partitionKey, string rowKey, string stateName, GrainId grainId, byte[] data)
    {
        var grainIdText = grainId.ToString();
        var size = TableEntitySize.Keys(partitionKey, rowKey)
            + TableEntitySize.Text(GrainIdProperty, grainIdText)
            + TableEntitySize.Text(StateNameProperty, stateName)
            + ChunkedData.Size(data.Length);
        if (size > MaxEntityBytes)
        {
            throw new GrainStateTooLargeException(grainIdText, stateName, size, MaxEntityBytes);
        }

        var entity = new TableEntity(partitionKey, rowKey)
        {
            [GrainIdProperty] = grainIdText,
            [StateNameProperty] = stateName,
        };
        ChunkedData.Write(entity, data);
        return entity;
    }

    private byte[] ReadData(TableEntity entity, string stateName, GrainId grainId) =>
        ChunkedData.Read(entity, problem => Corrupt(stateName, grainId, problem));

    private InvalidOperationException Corrupt(string stateName, GrainId grainId, string problem) =>
        new($"The stored state '{stateName}' of grain {grainId} in table {table.Name} is damaged: {problem}.");

    private async Task<InconsistentStateException> ConflictAsync(
        TableClient client,
        string operation,
        string stateName,
        GrainId grainId,
        string? currentETag,
        string partitionKey,
        string rowKey,
        RequestFailedException cause,
        CancellationToken cancellationToken)
    {
        string? storedETag;
        try
        {
            var stored = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [ChunkedData.LengthProperty], cancellationToken)
                .ConfigureAwait(false);
            storedETag = stored.HasValue && stored.Value is not null ? stored.Value.ETag.ToString() : null;
        }
        catch (RequestFailedException)
        {
            storedETag = "(unknown)";
        }

        return Conflict(operation, stateName, grainId, storedETag, currentETag, cause);
    }

    private InconsistentStateException Conflict(
        string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag, Exception? cause)
    {
        LogConflict(logger, operation, stateName, grainId, storedETag ?? "(none)", currentETag ?? "(none)");
        var message = $"Could not {operation} the state '{stateName}' of grain {grainId} in table {table.Name}: it was changed by someone else "
            + $"(stored ETag {storedETag ?? "(none)"}, this activation's ETag {currentETag ?? "(none)"}).";
        return cause is null
            ? new InconsistentStateException(message, storedETag, currentETag)
            : new InconsistentStateException(message, storedETag, currentETag, cause);
    }

    [LoggerMessage(EventId = LogEventIds.Runtime.GrainStorageTableReady, Level = LogLevel.Information, Message = "Grain storage {ProviderName} keeps state in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string providerName, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.GrainStorageConflict, Level = LogLevel.Warning,
        Message = "Could not {Operation} state {StateName} of grain {GrainId}: stored ETag {StoredETag}, expected {CurrentETag}")]
    private static partial void LogConflict(ILogger logger, string operation, string stateName, GrainId grainId, string storedETag, string currentETag);
}
