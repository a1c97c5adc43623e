using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PlanFunctions.Client;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Client;
using PlanFunctions.DurableTask.Hosting;

namespace PlanFunctions.Functions.Hosting;

/// <summary>The Durable Task engine's client over the bound client, with this app's validation options and engine settings.</summary>
internal sealed class DurableTaskClientFactory(PlanValidationOptions validation, IOptions<DurableTaskEngineOptions> options) : IPlanFunctionsClientFactory
{
    public PlanFunctionsClient Create(DurableTaskClient client) => new DurableTaskPlanFunctionsClient(client, validation, options.Value);
}
