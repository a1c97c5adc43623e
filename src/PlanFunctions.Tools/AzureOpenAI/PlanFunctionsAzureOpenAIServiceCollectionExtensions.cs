using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.AzureOpenAI;

// In the namespace of IServiceCollection, as is usual for AddXxx methods, so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on Azure OpenAI: AI conditions, AI-written responses and the <c>ai.chat</c> tool.</summary>
public static class PlanFunctionsAzureOpenAIServiceCollectionExtensions
{
    /// <summary>
    /// When <c>AzureOpenAI:Endpoint</c> is set: binds <see cref="AzureOpenAIOptions"/> from the
    /// <see cref="AzureOpenAIOptions.SectionName"/> section and validates them at start-up, registers the
    /// <see cref="AzureOpenAIClient"/> (unless one is registered already; with the API key, or
    /// <see cref="DefaultAzureCredential"/> without one), makes <see cref="AzureOpenAIRunAssistant"/> the
    /// <see cref="IRunAssistant"/> and registers the <c>ai.chat</c> tool. When it is not set, it does nothing: plans
    /// that need AI are then refused at submit time, saying why.
    /// </summary>
    /// <remarks>
    /// The client makes one try per call, with <see cref="AzureOpenAIOptions.Timeout"/>: steps retry by their retry
    /// policy, AI conditions are asked again by the engine, and a response falls back to the plain one.
    /// </remarks>
    public static IServiceCollection AddPlanFunctionsAzureOpenAI(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AzureOpenAIOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(AzureOpenAIOptions.Endpoint)]))
        {
            return services;
        }

        services.AddOptions<AzureOpenAIOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAIOptions>, AzureOpenAIOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateClient(provider.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value));

        services.Replace(ServiceDescriptor.Singleton<IRunAssistant, AzureOpenAIRunAssistant>());
        services.AddPlanFunctionsTool<AiChatTool>();
        return services;
    }

    private static AzureOpenAIClient CreateClient(AzureOpenAIOptions options)
    {
        var endpoint = new Uri(options.Endpoint!, UriKind.Absolute);
        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
        };
        return options.HasApiKey
            ? new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey!), clientOptions)
            : new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions);
    }
}
