using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>Hands DurableTask.Core the engine's orchestrator, wrapped by the SDK's shim.</summary>
internal sealed class ShimOrchestrationManager(DurableTaskShimFactory shims) : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) => throw new NotSupportedException("The engine's orchestrators are fixed.");

    public TaskOrchestration? GetObject(string name, string? version) =>
        PlanFunctionsTaskFactory.CreateOrchestrator(name) is { } orchestrator ? shims.CreateOrchestration(name, orchestrator) : null;
}
