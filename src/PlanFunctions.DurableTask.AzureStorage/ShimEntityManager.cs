using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.Entities.OperationFormat;
using Microsoft.DurableTask.Worker.Shims;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>
/// Hands DurableTask.Core the engine's entities. Core asks by name only; the shim needs the entity's id, which each
/// batch carries, so the shim is made per batch.
/// </summary>
internal sealed class ShimEntityManager(DurableTaskShimFactory shims) : INameVersionObjectManager<TaskEntity>
{
    public void Add(ObjectCreator<TaskEntity> creator) => throw new NotSupportedException("The engine's entities are fixed.");

    public TaskEntity? GetObject(string name, string? version) =>
        PlanFunctionsTaskFactory.CreateEntity(name) is null ? null : new PerBatch(shims);

    private sealed class PerBatch(DurableTaskShimFactory shims) : TaskEntity
    {
        public override Task<EntityBatchResult> ExecuteOperationBatchAsync(EntityBatchRequest operations)
        {
            var id = EntityId.FromString(operations.InstanceId!);
            var entity = PlanFunctionsTaskFactory.CreateEntity(id.Name)
                ?? throw new InvalidOperationException($"No entity is named '{id.Name}'.");
            return shims.CreateEntity(id.Name, entity, id).ExecuteOperationBatchAsync(operations);
        }
    }
}
