using Microsoft.Extensions.Options;

namespace PlanFunctions.Client.Api;

/// <summary>Checks <see cref="HttpApiOptions"/> at start-up, naming the setting that is wrong.</summary>
public sealed class HttpApiOptionsValidator : IValidateOptions<HttpApiOptions>
{
    /// <summary>The largest body limit that may be configured.</summary>
    public const long LargestBody = 256L * 1024 * 1024;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HttpApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > LargestBody)
        {
            failures.Add($"{HttpApiOptions.SectionName}:maxRequestBodyBytes must be from 1024 to {LargestBody} bytes; it is {options.MaxRequestBodyBytes}.");
        }

        if (options.RetryAfterSeconds is < 1 or > 3600)
        {
            failures.Add($"{HttpApiOptions.SectionName}:retryAfterSeconds must be from 1 to 3600; it is {options.RetryAfterSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
