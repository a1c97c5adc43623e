namespace PlanFunctions.Core.Plans;

/// <summary>
/// Checks a plan against every rule of plan-format.md and reports every problem at once, each naming the step
/// id and the property: ids, duplicates, unknown dependencies, cycles, unknown tools and their parameters,
/// retry and timeout ranges, conditions that do not parse, templates that name a step the step does not
/// depend on, and size limits.
/// </summary>
public static class PlanValidator
{
    /// <summary>Every problem with the plan; empty when it may run.</summary>
    public static IReadOnlyList<PlanProblem> Validate(Plan plan, PlanValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        throw new NotImplementedException();
    }

    /// <summary>Reads and validates a plan document: the problems of both, together.</summary>
    public static PlanReadResult ReadAndValidate(ReadOnlyMemory<byte> utf8Json, PlanValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = PlanReader.Read(utf8Json, options.Limits);
        if (read.Plan is null)
        {
            return read;
        }

        return read with { Problems = [.. read.Problems, .. Validate(read.Plan, options)] };
    }
}
