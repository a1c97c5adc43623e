using Microsoft.DurableTask.Client;
using PlanFunctions.Client;

namespace PlanFunctions.Functions.Hosting;

/// <summary>
/// The engine-neutral <see cref="PlanFunctionsClient"/> over the <see cref="DurableTaskClient"/> that the Functions host
/// binds to an HTTP trigger (<c>[DurableClient]</c>): validation with this app's tools and limits, starts with its
/// defaults stamped into the plan, statistics from the entity.
/// </summary>
public interface IPlanFunctionsClientFactory
{
    /// <summary>The client over the bound Durable Task client.</summary>
    PlanFunctionsClient Create(DurableTaskClient client);
}
