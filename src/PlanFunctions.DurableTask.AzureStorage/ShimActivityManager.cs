using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.DurableTask.AzureStorage;

/// <summary>Hands DurableTask.Core the engine's activities, built from the services and wrapped by the SDK's shim.</summary>
internal sealed class ShimActivityManager(DurableTaskShimFactory shims, IServiceProvider services) : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) => throw new NotSupportedException("The engine's activities are fixed.");

    public TaskActivity? GetObject(string name, string? version) =>
        PlanFunctionsTaskFactory.CreateActivity(name, services) is { } activity ? shims.CreateActivity(name, activity) : null;
}
