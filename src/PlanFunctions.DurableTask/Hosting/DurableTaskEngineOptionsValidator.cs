using Microsoft.Extensions.Options;

namespace PlanFunctions.DurableTask.Hosting;

/// <summary>Checks the durations of <see cref="DurableTaskEngineOptions"/> at start-up, as the Orleans engine checks its own.</summary>
internal sealed class DurableTaskEngineOptionsValidator : IValidateOptions<DurableTaskEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.DurationProblems(DurableTaskEngineOptions.SectionName).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
