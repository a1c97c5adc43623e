using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using Microsoft.DurableTask.Entities;
using Moq;
using PlanFunctions.DurableTask.Orchestration;

namespace PlanFunctions.Functions.Tests.TestSupport;

/// <summary>
/// The <see cref="DurableTaskClient"/> the Functions host binds to <c>[DurableClient]</c>, over Moq (only the host makes
/// real ones): it knows the instances it is told of and records what is scheduled.
/// </summary>
internal sealed class DurableClientMock
{
    private readonly Dictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public DurableClientMock()
    {
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
                Scheduled.Add((name.Name, id, Assert.IsType<RunPlanInput>(input)));
                _instances[id] = new OrchestrationMetadata(name.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Pending };
                return id;
            });
        Mock.Setup(c => c.Entities).Returns(Entities.Object);
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test-hub");

    public Mock<DurableEntityClient> Entities { get; } = new("test-hub");

    public DurableTaskClient Object => Mock.Object;

    /// <summary>What was scheduled: the orchestrator's name, the instance id and the input.</summary>
    public List<(string Name, string InstanceId, RunPlanInput Input)> Scheduled { get; } = [];

    /// <summary>Tells the client of an instance and its status.</summary>
    public void Has(string instanceId, OrchestrationRuntimeStatus status) =>
        _instances[instanceId] = new OrchestrationMetadata("RunPlan", instanceId) { RuntimeStatus = status };

    /// <summary>Entity state the client reads for an entity id.</summary>
    public void HasEntity<TState>(EntityInstanceId id, TState state) =>
        Entities.Setup(e => e.GetEntityAsync<TState>(id, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EntityMetadata<TState>(id, state));
}
