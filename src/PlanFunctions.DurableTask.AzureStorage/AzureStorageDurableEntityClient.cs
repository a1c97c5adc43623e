using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Entities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>The entity part of <see cref="AzureStorageDurableTaskClient"/>: read entities' state, signal them.</summary>
public sealed class AzureStorageDurableEntityClient : DurableEntityClient
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly DataConverter _converter;

    /// <summary>An entity client of the task hub <paramref name="service"/> serves.</summary>
    public AzureStorageDurableEntityClient(AzureStorageOrchestrationService service, DataConverter converter)
        : base("AzureStorage")
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _converter = converter ?? throw new ArgumentNullException(nameof(converter));
    }

    private EntityBackendQueries Queries => ((IEntityOrchestrationService)_service).EntityBackendQueries
        ?? throw new NotSupportedException("The Azure Storage backend was configured without entities.");

    /// <inheritdoc />
    public override Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null, SignalEntityOptions? options = null, CancellationToken cancellation = default)
    {
        var signal = ClientEntityHelpers.EmitOperationSignal(
            new OrchestrationInstance { InstanceId = ToCore(id).ToString() },
            Guid.NewGuid(),
            operationName,
            _converter.Serialize(input),
            scheduledTimeUtc: null);
        return _service.SendTaskOrchestrationMessageAsync(signal.AsTaskMessage());
    }

    /// <inheritdoc />
    public override async Task<EntityMetadata?> GetEntityAsync(EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default) =>
        await Queries.GetEntityAsync(ToCore(id), includeState, false, cancellation) is { } found ? ToMetadata(found) : null;

    /// <inheritdoc />
    public override async Task<EntityMetadata<T>?> GetEntityAsync<T>(EntityInstanceId id, bool includeState = true, CancellationToken cancellation = default) =>
        await Queries.GetEntityAsync(ToCore(id), includeState, false, cancellation) is { } found ? ToMetadata<T>(found) : null;

    /// <inheritdoc />
    public override AsyncPageable<EntityMetadata> GetAllEntitiesAsync(EntityQuery? filter = null) => Query(filter, ToMetadata);

    /// <inheritdoc />
    public override AsyncPageable<EntityMetadata<T>> GetAllEntitiesAsync<T>(EntityQuery? filter = null) => Query(filter, ToMetadata<T>);

    /// <inheritdoc />
    public override async Task<CleanEntityStorageResult> CleanEntityStorageAsync(CleanEntityStorageRequest? request = null, bool continueUntilComplete = true, CancellationToken cancellation = default)
    {
        var r = request ?? CleanEntityStorageRequest.Default;
        var result = await Queries.CleanEntityStorageAsync(
            new EntityBackendQueries.CleanEntityStorageRequest
            {
                RemoveEmptyEntities = r.RemoveEmptyEntities,
                ReleaseOrphanedLocks = r.ReleaseOrphanedLocks,
                ContinuationToken = r.ContinuationToken,
            },
            cancellation);
        return new CleanEntityStorageResult
        {
            EmptyEntitiesRemoved = result.EmptyEntitiesRemoved,
            OrphanedLocksReleased = result.OrphanedLocksReleased,
            ContinuationToken = result.ContinuationToken,
        };
    }

    private static EntityId ToCore(EntityInstanceId id) => new(id.Name.ToLowerInvariant(), id.Key);

    private AsyncPageable<TMetadata> Query<TMetadata>(EntityQuery? filter, Func<EntityBackendQueries.EntityMetadata, TMetadata> select)
        where TMetadata : notnull =>
        Pageable.Create<TMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var result = await Queries.QueryEntitiesAsync(
                new EntityBackendQueries.EntityQuery
                {
                    InstanceIdStartsWith = filter?.InstanceIdStartsWith ?? string.Empty,
                    LastModifiedFrom = filter?.LastModifiedFrom?.UtcDateTime,
                    LastModifiedTo = filter?.LastModifiedTo?.UtcDateTime,
                    IncludeState = filter?.IncludeState ?? true,
                    IncludeTransient = filter?.IncludeTransient ?? false,
                    PageSize = pageSize ?? filter?.PageSize,
                    ContinuationToken = continuation ?? filter?.ContinuationToken,
                },
                cancellation);
            return new Page<TMetadata>([.. result.Results.Select(select)], result.ContinuationToken);
        });

    private EntityMetadata ToMetadata(EntityBackendQueries.EntityMetadata found) =>
        new(new EntityInstanceId(found.EntityId.Name, found.EntityId.Key), found.SerializedState is null ? null : new SerializedData(found.SerializedState, _converter))
        {
            LastModifiedTime = found.LastModifiedTime,
            BacklogQueueSize = found.BacklogQueueSize,
            LockedBy = found.LockedBy,
        };

    private EntityMetadata<T> ToMetadata<T>(EntityBackendQueries.EntityMetadata found) =>
        new(new EntityInstanceId(found.EntityId.Name, found.EntityId.Key), _converter.Deserialize<T>(found.SerializedState))
        {
            LastModifiedTime = found.LastModifiedTime,
            BacklogQueueSize = found.BacklogQueueSize,
            LockedBy = found.LockedBy,
        };
}
