using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// Rejects <see cref="AzureOpenAIOptions"/> that cannot work, naming each configuration key; never shows the key's value.
/// </summary>
internal sealed class AzureOpenAIOptionsValidator : IValidateOptions<AzureOpenAIOptions>
{
    private const string Section = AzureOpenAIOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add($"{Section}:{nameof(AzureOpenAIOptions.Endpoint)} is required");
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:{nameof(AzureOpenAIOptions.Endpoint)} must be an absolute https or http URI, not '{options.Endpoint}'");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !options.HasApiKey)
        {
            failures.Add(
                $"{Section}:{nameof(AzureOpenAIOptions.Endpoint)} must be https when {Section}:{nameof(AzureOpenAIOptions.ApiKey)} is not set: "
                + "the Microsoft Entra token of DefaultAzureCredential is sent over TLS only");
        }

        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            failures.Add($"{Section}:{nameof(AzureOpenAIOptions.Deployment)} is required when {Section}:{nameof(AzureOpenAIOptions.Endpoint)} is set");
        }
        else if (options.Deployment.AsSpan().IndexOfAny("/?#\\ ") >= 0)
        {
            failures.Add($"{Section}:{nameof(AzureOpenAIOptions.Deployment)} must be a deployment name (no '/', '?', '#', '\\' or space), not '{options.Deployment}'");
        }

        if (options.MaxOutputTokens is < 1)
        {
            failures.Add(
                $"{Section}:{nameof(AzureOpenAIOptions.MaxOutputTokens)} must be at least 1, not "
                + options.MaxOutputTokens.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > AzureOpenAIOptions.MaxTimeout)
        {
            failures.Add(
                $"{Section}:{nameof(AzureOpenAIOptions.Timeout)} must be greater than 0 and at most "
                + $"{AzureOpenAIOptions.MaxTimeout.ToString("c", CultureInfo.InvariantCulture)}, not {options.Timeout.ToString("c", CultureInfo.InvariantCulture)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
