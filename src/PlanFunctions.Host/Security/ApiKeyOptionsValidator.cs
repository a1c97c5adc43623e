using Microsoft.Extensions.Options;

namespace PlanFunctions.Host.Security;

/// <summary>Checks <see cref="ApiKeyOptions"/> at start-up; the message names the setting, never the key.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var key = options.ApiKey!;
        if (key.Length < ApiKeyOptions.MinimumLength)
        {
            return ValidateOptionsResult.Fail($"{ApiKeyOptions.SectionName}:ApiKey must be at least {ApiKeyOptions.MinimumLength} characters long; it is {key.Length}.");
        }

        return key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? ValidateOptionsResult.Fail($"{ApiKeyOptions.SectionName}:ApiKey must not contain spaces or control characters.")
            : ValidateOptionsResult.Success;
    }
}
