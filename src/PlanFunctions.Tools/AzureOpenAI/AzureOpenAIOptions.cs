using System.Globalization;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// Where the Azure OpenAI deployment is and how to call it, bound from the <see cref="SectionName"/> configuration
/// section. AI conditions, AI-written responses and the <c>ai.chat</c> tool are on when <see cref="Endpoint"/> is set.
/// </summary>
public sealed class AzureOpenAIOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "AzureOpenAI";

    /// <summary>The longest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>The resource's endpoint, such as <c>https://my-resource.openai.azure.com/</c>; absolute, https (or http with an <see cref="ApiKey"/>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The name of the model deployment to call; required when <see cref="Endpoint"/> is set.</summary>
    public string? Deployment { get; set; }

    /// <summary>
    /// The resource's key, sent as the <c>api-key</c> header. Without one, a Microsoft Entra token from
    /// <c>DefaultAzureCredential</c> is used (managed identity, the Azure CLI's sign-in, environment variables).
    /// Never written to logs, messages or <see cref="ToString"/>.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The most tokens one reply may have; <see langword="null"/> (the default) leaves it to the deployment.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>How long one call may take before it fails as a retryable timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Whether an <see cref="ApiKey"/> is given (a blank one counts as none).</summary>
    internal bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The settings without the key's value.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{nameof(AzureOpenAIOptions)} {{ Endpoint = {Endpoint}, Deployment = {Deployment}, ApiKey = {(HasApiKey ? "(set)" : "(not set)")}, "
            + $"MaxOutputTokens = {MaxOutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "(deployment's default)"}, Timeout = {Timeout:c} }}");
}
