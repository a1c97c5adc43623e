using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Plans;
using PlanFunctions.DurableTask.Activities;
using PlanFunctions.Tools.Ai;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.Tools.Execution;
using PlanFunctions.Tools.Registry;

// In the namespace of IServiceCollection, as is usual for AddXxx methods, so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what the Durable Task engine's activities and client need.</summary>
public static class PlanFunctionsDurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tools, the run assistant (Azure OpenAI when configured, the plain one otherwise),
    /// <see cref="DurableTaskEngineOptions"/> from <c>extensions:durableTask</c> (validated at start-up), the
    /// <see cref="PlanValidationOptions"/> plans are checked against, <see cref="StepAttemptExecutor"/> and
    /// <see cref="RunAssistantActivities"/>.
    /// </summary>
    public static IServiceCollection AddPlanFunctionsDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPlanFunctionsTools();
        services.TryAddSingleton<IRunAssistant, PlainRunAssistant>();
        services.AddPlanFunctionsAzureOpenAI(configuration);
        services.AddOptions<DurableTaskEngineOptions>()
            .Bind(configuration.GetSection(DurableTaskEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskEngineOptions>, DurableTaskEngineOptionsValidator>());
        services.TryAddSingleton(provider => new PlanValidationOptions
        {
            Tools = provider.GetRequiredService<ToolRegistry>(),
            Limits = provider.GetRequiredService<IOptions<DurableTaskEngineOptions>>().Value.ToPlanLimits(),
            AiUnavailableReason = provider.GetRequiredService<IRunAssistant>().IsConfigured ? null : new PlanValidationOptions().AiUnavailableReason,
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var engine = provider.GetRequiredService<IOptions<DurableTaskEngineOptions>>().Value;
            return new ToolAttemptSettings(engine.CancellationGracePeriod, engine.MaxStepOutputBytes);
        });
        services.TryAddSingleton<ToolAttemptRunner>();
        services.TryAddSingleton<StepAttemptExecutor>();
        services.TryAddSingleton<RunAssistantActivities>();
        return services;
    }
}
