using System.Text.Json;
using PlanFunctions.Core.Expressions;
using PlanFunctions.Core.Graph;
using PlanFunctions.Core.Templates;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Checks a plan against every rule of plan-format.md and reports every problem at once, each naming the step
/// id and the property: ids, duplicates, unknown dependencies, cycles, unknown tools and their parameters,
/// retry and timeout ranges, conditions that do not parse, templates that name a step the step does not
/// depend on, and size limits.
/// </summary>
public static class PlanValidator
{
    /// <summary>The most attempts a retry policy may allow.</summary>
    internal const int MaxAttempts = 100;

    private const int MaxIdLength = 64;

    private const int MaxCycleStepsShown = 12;

    private static readonly JsonElement EmptyParameters = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Every problem with the plan; empty when it may run.</summary>
    public static IReadOnlyList<PlanProblem> Validate(Plan plan, PlanValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<PlanProblem>();
        var limits = options.Limits;
        var root = ProblemLocation.Root;

        var nameLength = plan.Name?.Length ?? 0;
        if (nameLength == 0 || nameLength > limits.MaxNameLength)
        {
            problems.Add(root.Child("name").Problem(
                $"must be 1 to {limits.MaxNameLength} characters long, not {nameLength}{LimitName(nameLength > limits.MaxNameLength, nameof(PlanLimits.MaxNameLength))}"));
        }

        CheckTimeout(plan.TimeoutSeconds, limits.MaxRunTimeoutSeconds, nameof(PlanLimits.MaxRunTimeoutSeconds), root.Child("timeoutSeconds"), problems);
        if (plan.Defaults is { } defaults)
        {
            var here = root.Child("defaults");
            CheckTimeout(defaults.TimeoutSeconds, limits.MaxStepTimeoutSeconds, nameof(PlanLimits.MaxStepTimeoutSeconds), here.Child("timeoutSeconds"), problems);
            CheckRetry(defaults.Retry, here.Child("retry"), problems);
        }

        var steps = plan.Steps ?? [];
        if (steps.Count == 0)
        {
            problems.Add(root.Child("steps").Problem("a plan needs at least one step"));
            return problems;
        }

        if (steps.Count > limits.MaxSteps)
        {
            problems.Add(root.Child("steps").Problem($"has {steps.Count} steps; at most {limits.MaxSteps} are allowed (PlanLimits.{nameof(PlanLimits.MaxSteps)})"));
        }

        var graph = PlanGraph.Build(plan);
        var scope = new StepReachability(graph);
        for (var i = 0; i < steps.Count; i++)
        {
            CheckStep(steps[i], i, graph, scope, options, problems);
        }

        CheckCycles(graph, problems);
        return problems;
    }

    /// <summary>Reads and validates a plan document: the problems of both, together.</summary>
    /// <remarks>
    /// A value the reader could not read is left out of the plan or replaced by a placeholder; what the
    /// validator then says about that same place (or anything inside it) repeats the reader's problem and
    /// is dropped.
    /// </remarks>
    public static PlanReadResult ReadAndValidate(ReadOnlyMemory<byte> utf8Json, PlanValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var read = PlanReader.Read(utf8Json, options.Limits);
        if (read.Plan is null)
        {
            return read;
        }

        var readPaths = read.Problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var validated = Validate(read.Plan, options).Where(p => !IsAtOrInside(p.Path, readPaths));
        return read with { Problems = [.. read.Problems, .. validated] };
    }

    private static bool IsAtOrInside(string path, HashSet<string> paths)
    {
        if (paths.Count == 0)
        {
            return false;
        }

        for (var end = path.Length; end > 0; end = path.LastIndexOfAny(['.', '['], end - 1))
        {
            if (paths.Contains(path[..end]))
            {
                return true;
            }

            if (end == 1)
            {
                break;
            }
        }

        return false;
    }

    private static void CheckStep(
        PlanStep step, int index, PlanGraph graph, StepReachability scope, PlanValidationOptions options, List<PlanProblem> problems)
    {
        var id = step.Id ?? string.Empty;
        var here = ProblemLocation.ForStep(index, id);
        var limits = options.Limits;

        if (!IsValidId(id))
        {
            problems.Add(here.Child("id").Problem(
                $"'{id}' is not a valid step id: it must start with a letter and hold only letters, digits, '_' and '-', at most {MaxIdLength} characters"));
        }
        else if (graph.TryGetIndex(id, out var first) && first != index)
        {
            problems.Add(here.Child("id").Problem($"duplicate id '{id}': steps[{first}] and steps[{index}] both use it"));
        }

        CheckTool(step, here, options, problems);
        CheckDependencies(step, index, here, graph, problems);
        CheckTimeout(step.TimeoutSeconds, limits.MaxStepTimeoutSeconds, nameof(PlanLimits.MaxStepTimeoutSeconds), here.Child("timeoutSeconds"), problems);
        CheckRetry(step.Retry, here.Child("retry"), problems);
        if (step.Condition is { } condition)
        {
            CheckCondition(condition, index, here.Child("condition"), graph, scope, options, problems);
        }

        if (step.Parameters is { } parameters && parameters.ValueKind == JsonValueKind.Object)
        {
            CheckTemplates(parameters, index, here.Child("parameters"), graph, scope, limits, problems);
        }
    }

    private static bool IsValidId(string id)
    {
        if (id.Length is 0 or > MaxIdLength || !char.IsAsciiLetter(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckTool(PlanStep step, ProblemLocation here, PlanValidationOptions options, List<PlanProblem> problems)
    {
        var tool = step.Tool ?? string.Empty;
        if (!options.Tools.IsAvailable(tool, out var reason))
        {
            problems.Add(here.Child("tool").Problem(reason ?? $"tool '{tool}' is not available"));
            return;
        }

        var parameters = here.Child("parameters");
        if (step.Parameters is { } given && given.ValueKind != JsonValueKind.Object)
        {
            problems.Add(parameters.Problem("must be an object"));
            return;
        }

        foreach (var (property, message) in options.Tools.CheckParameters(tool, step.Parameters ?? EmptyParameters))
        {
            var location = string.IsNullOrEmpty(property) ? parameters : parameters.Child(property);
            problems.Add(location.Problem(message));
        }
    }

    private static void CheckDependencies(PlanStep step, int index, ProblemLocation here, PlanGraph graph, List<PlanProblem> problems)
    {
        var dependsOn = step.DependsOn ?? [];
        var seen = dependsOn.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var j = 0; j < dependsOn.Count; j++)
        {
            var location = here.Child("dependsOn").Item(j);
            var dependency = dependsOn[j];
            if (dependency is null)
            {
                problems.Add(location.Problem("must be a step id, not null"));
            }
            else if (seen is not null && !seen.Add(dependency))
            {
                problems.Add(location.Problem($"'{dependency}' is listed more than once"));
            }
            else if (!graph.TryGetIndex(dependency, out var target))
            {
                problems.Add(location.Problem($"unknown step '{dependency}'"));
            }
            else if (target == index || dependency == step.Id)
            {
                problems.Add(location.Problem("a step cannot depend on itself"));
            }
        }
    }

    private static void CheckCycles(PlanGraph graph, List<PlanProblem> problems)
    {
        foreach (var cycle in graph.FindCycles())
        {
            if (cycle.Count < 2)
            {
                // A step that lists itself; reported as such with its dependsOn.
                continue;
            }

            // A long cycle is shortened to its start and end, so that one problem stays one readable line.
            var shown = cycle.Count <= MaxCycleStepsShown
                ? cycle.Append(cycle[0])
                : cycle.Take(MaxCycleStepsShown - 2).Append($"... ({cycle.Count} steps in all)").Append(cycle[^1]).Append(cycle[0]);
            var start = graph.IndexOf(cycle[0]);
            problems.Add(ProblemLocation.ForStep(start, cycle[0]).Child("dependsOn").Problem(
                $"dependency cycle: {string.Join(" -> ", shown)} (each step depends on the next, so none can start)"));
        }
    }

    private static void CheckTimeout(double? seconds, double max, string limit, ProblemLocation here, List<PlanProblem> problems)
    {
        if (seconds is not { } value)
        {
            return;
        }

        if (!double.IsFinite(value) || value <= 0 || value > max)
        {
            problems.Add(here.Problem($"must be a number greater than 0 and at most {Format(max)}, not {Format(value)}{LimitName(value > max, limit)}"));
        }
    }

    /// <summary>The limit's setting, named where a value is over it, so that an operator knows what to raise.</summary>
    private static string LimitName(bool over, string limit) => over ? $" (PlanLimits.{limit})" : string.Empty;

    private static void CheckRetry(RetryPolicy? retry, ProblemLocation here, List<PlanProblem> problems)
    {
        if (retry is null)
        {
            return;
        }

        if (retry.MaxNumberOfAttempts is < 1 or > MaxAttempts)
        {
            problems.Add(here.Child("maxNumberOfAttempts").Problem(
                $"must be a whole number from 1 to {MaxAttempts}, not {retry.MaxNumberOfAttempts}"));
        }

        CheckPositive(retry.FirstRetryIntervalSeconds, here.Child("firstRetryIntervalSeconds"), problems);
        if (!double.IsFinite(retry.BackoffCoefficient) || retry.BackoffCoefficient < 1)
        {
            problems.Add(here.Child("backoffCoefficient").Problem(
                $"must be a number of at least 1, not {Format(retry.BackoffCoefficient)}"));
        }

        CheckPositive(retry.MaxRetryIntervalSeconds, here.Child("maxRetryIntervalSeconds"), problems);
        if (retry.RetryTimeoutSeconds is { } timeout)
        {
            CheckPositive(timeout, here.Child("retryTimeoutSeconds"), problems);
        }
    }

    private static void CheckPositive(double value, ProblemLocation here, List<PlanProblem> problems)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            problems.Add(here.Problem($"must be a number greater than 0, not {Format(value)}"));
        }
    }

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckCondition(
        StepCondition condition,
        int index,
        ProblemLocation here,
        PlanGraph graph,
        StepReachability scope,
        PlanValidationOptions options,
        List<PlanProblem> problems)
    {
        if (condition.IsAi)
        {
            if (options.AiUnavailableReason is { } reason)
            {
                problems.Add(here.Problem($"an AI condition cannot be used here: {reason}"));
            }
            else if (string.IsNullOrWhiteSpace(condition.AiQuestion))
            {
                problems.Add(here.Child("ai").Problem("the question must not be empty"));
            }

            return;
        }

        var text = condition.Expression ?? string.Empty;
        if (text.Length > options.Limits.MaxExpressionLength)
        {
            problems.Add(here.Problem(
                $"is {text.Length} characters long; at most {options.Limits.MaxExpressionLength} are allowed (PlanLimits.{nameof(PlanLimits.MaxExpressionLength)})"));
            return;
        }

        if (!ConditionExpression.TryParse(text, out var expression, out var error))
        {
            problems.Add(here.Problem(error!.Message) with { Position = error.Position });
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in expression!.Paths)
        {
            if (path.StepId is { } target && reported.Add(target)
                && ScopeProblem(index, target, graph, scope) is { } message)
            {
                problems.Add(here.Problem($"'{path.Text}' {message}"));
            }
        }
    }

    private static void CheckTemplates(
        JsonElement parameters,
        int index,
        ProblemLocation here,
        PlanGraph graph,
        StepReachability scope,
        PlanLimits limits,
        List<PlanProblem> problems)
    {
        var scan = ParameterTemplates.Scan(parameters, limits.MaxTemplateLength);
        foreach (var syntax in scan.Problems)
        {
            problems.Add(Inside(here, syntax.Location).Problem(syntax.Message) with { Position = syntax.Position });
        }

        var reported = new HashSet<(string Location, string Step)>();
        foreach (var reference in scan.References)
        {
            if (reference.Path.StepId is { } target && reported.Add((reference.Location, target))
                && ScopeProblem(index, target, graph, scope) is { } message)
            {
                problems.Add(Inside(here, reference.Location).Problem($"template '{{{{ {reference.Path.Text} }}}}' {message}"));
            }
        }
    }

    /// <summary>The location of a place inside the parameters, given as a JSON path relative to them (<c>$.a.b</c>).</summary>
    private static ProblemLocation Inside(ProblemLocation parameters, string location)
    {
        var rest = location.StartsWith('$') ? location[1..] : location.Length > 0 ? "." + location : string.Empty;
        return parameters with { Path = parameters.Path + rest, Property = parameters.Property + rest };
    }

    /// <summary>Why step <paramref name="index"/> may not read step <paramref name="target"/>, or <see langword="null"/>.</summary>
    private static string? ScopeProblem(int index, string target, PlanGraph graph, StepReachability scope)
    {
        if (!graph.TryGetIndex(target, out var targetIndex))
        {
            return $"names step '{target}', which is not in the plan";
        }

        if (targetIndex == index)
        {
            return $"names its own step '{target}'; a step can read only the steps it depends on";
        }

        return scope.DependsOn(index, targetIndex)
            ? null
            : $"names step '{target}', which this step does not depend on (directly or through its dependencies); add it to dependsOn";
    }
}
