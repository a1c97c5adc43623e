using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Tools.Http;

/// <summary>Rejects <see cref="HttpToolOptions"/> that cannot work, naming the configuration key and the value.</summary>
internal sealed class HttpToolOptionsValidator : IValidateOptions<HttpToolOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpToolOptions options)
    {
        var failures = new List<string>();
        if (options.MaxResponseBytes < 1)
        {
            failures.Add($"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.MaxResponseBytes)} must be at least 1, not {options.MaxResponseBytes}");
        }

        if (!(options.DefaultTimeoutSeconds > 0 && options.DefaultTimeoutSeconds <= HttpToolOptions.MaxTimeoutSeconds))
        {
            failures.Add(
                $"{HttpToolOptions.SectionName}:{nameof(HttpToolOptions.DefaultTimeoutSeconds)} must be greater than 0 and at most "
                + $"{HttpToolOptions.MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}, not {options.DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
