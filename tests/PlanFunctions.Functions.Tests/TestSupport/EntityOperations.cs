using System.Text.Json;
using Microsoft.DurableTask.Entities;
using Moq;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Functions.Tests.TestSupport;

/// <summary>
/// An entity's stored state and the operations sent to it, as Durable Task hands them to <see cref="ITaskEntity.RunAsync"/>:
/// state and inputs cross JSON (the worker's serializer, <see cref="PlanJson.Options"/>) between operations.
/// </summary>
internal sealed class EntityOperations(string name, string key)
{
    private string? _stored;

    public bool HasState => _stored is not null;

    /// <summary>Runs one operation on a fresh instance of the entity, as each work item does, and returns its result.</summary>
    public async Task<object?> RunAsync(ITaskEntity entity, string operation, object? input = null)
    {
        var state = new Mock<TaskEntityState>();
        state.Setup(s => s.HasState).Returns(() => _stored is not null);
        state.Setup(s => s.GetState(It.IsAny<Type>()))
            .Returns((Type type) => _stored is null ? null : JsonSerializer.Deserialize(_stored, type, PlanJson.Options));
        state.Setup(s => s.SetState(It.IsAny<object?>()))
            .Callback((object? value) => _stored = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), PlanJson.Options));

        var context = new Mock<TaskEntityContext>();
        context.Setup(c => c.Id).Returns(new EntityInstanceId(name, key));

        var call = new Mock<TaskEntityOperation>();
        call.Setup(o => o.Name).Returns(operation);
        call.Setup(o => o.Context).Returns(context.Object);
        call.Setup(o => o.State).Returns(state.Object);
        call.Setup(o => o.HasInput).Returns(input is not null);
        call.Setup(o => o.GetInput(It.IsAny<Type>()))
            .Returns((Type type) => input is null ? null : JsonSerializer.Deserialize(JsonSerializer.Serialize(input, PlanJson.Options), type, PlanJson.Options));

        var result = await entity.RunAsync(call.Object);
        return result is null ? null : JsonSerializer.Deserialize(JsonSerializer.Serialize(result, PlanJson.Options), result.GetType(), PlanJson.Options);
    }
}
