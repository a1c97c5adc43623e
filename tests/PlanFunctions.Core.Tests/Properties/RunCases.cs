using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>Generators of valid plans, tool answers and control events for the property tests.</summary>
internal static class RunCases
{
    /// <summary>The event names waitForEvent steps wait for and controls raise.</summary>
    public static readonly string[] EventNames = ["a", "b", "c"];

    /// <summary>The catalog the generated plans are valid against: the built-ins and one custom tool.</summary>
    public static readonly PlanValidationOptions ValidationOptions = new()
    {
        Tools = new NameOnlyToolCatalog([.. BuiltInToolNames.All, "custom"]),
        AiUnavailableReason = null,
    };

    private static readonly Gen<AttemptScript> Attempt = Gen.Select(
        Gen.Frequency(
            (12, Gen.Const(AttemptKind.Succeed)),
            (4, Gen.Const(AttemptKind.FailRetryable)),
            (1, Gen.Const(AttemptKind.FailFatal)),
            (1, Gen.Const(AttemptKind.Hang))),
        Gen.Int[0, 30_000],
        (kind, ms) => new AttemptScript(kind, ms));

    private static readonly Gen<RetryPolicy?> Retry = Gen.Frequency(
        (2, Gen.Const<RetryPolicy?>((RetryPolicy?)null)),
        (3, Gen.Select(Gen.Int[1, 5], Gen.Int[1, 20], Gen.Int[10, 30], Gen.Int[1, 60], Gen.Int[0, 120], (attempts, halfSeconds, coefficientTenths, max, retryTimeout) =>
            (RetryPolicy?)new RetryPolicy
            {
                MaxNumberOfAttempts = attempts,
                FirstRetryIntervalSeconds = halfSeconds / 2.0,
                BackoffCoefficient = coefficientTenths / 10.0,
                MaxRetryIntervalSeconds = max,
                RetryTimeoutSeconds = retryTimeout < 30 ? null : retryTimeout,
            })));

    private static readonly Gen<StepSeed> Step = Gen.Select(
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 10_000].Array[0, 3], Retry, Gen.Int[0, 120], Gen.Int[0, 59]),
        Gen.Select(Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[0, 20_000], Attempt.Array[1, 4], Gen.Bool),
        (a, b) => new StepSeed(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));

    private static readonly Gen<ControlAt> Control = Gen.Select(
        Gen.Int[0, 300],
        Gen.Frequency(
            (4, Gen.Const(ControlKind.RaiseEvent)),
            (2, Gen.Const(ControlKind.Suspend)),
            (2, Gen.Const(ControlKind.Resume)),
            (2, Gen.Const(ControlKind.ExtendTimeout)),
            (1, Gen.Const(ControlKind.Cancel)),
            (1, Gen.Const(ControlKind.Terminate))),
        Gen.Int[0, 2],
        Gen.Int[-1, 600],
        (at, kind, name, value) => new ControlAt(at, kind, EventNames[name], kind == ControlKind.ExtendTimeout ? Math.Max(1, value) : value));

    private static readonly Gen<PlanDefaults?> Defaults = Gen.Frequency(
        (3, Gen.Const<PlanDefaults?>((PlanDefaults?)null)),
        (1, Gen.Select(Retry, Gen.Int[0, 120], Gen.Int[0, 19], (retry, timeout, stop) =>
            (PlanDefaults?)new PlanDefaults { Retry = retry, TimeoutSeconds = timeout == 0 ? null : timeout, StopOnFailure = stop == 0 ? true : null })));

    /// <summary>A whole scenario: a valid plan of 1 to 60 steps, its tools' answers, controls and crash points.</summary>
    public static Gen<RunCase> Cases { get; } = Gen.Select(
        Step.Array[1, 60],
        Gen.Int[0, 3600],
        Defaults,
        Control.Array[0, 8],
        Gen.Int[0, 1000].Array[3],
        Build);

    private static RunCase Build(StepSeed[] seeds, int runTimeout, PlanDefaults? defaults, ControlAt[] controls, int[] crashPoints)
    {
        var steps = new List<PlanStep>(seeds.Length);
        var scripts = new Dictionary<string, IReadOnlyList<AttemptScript>>(StringComparer.Ordinal);
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[i];
            var id = IdOf(i);
            var dependencies = i == 0 ? [] : seed.DependencyPicks.Select(p => IdOf(p % i)).Distinct().ToArray();
            var tool = seed.ToolRoll switch
            {
                <= 3 => "echo",
                <= 6 => "custom",
                <= 8 => "delay",
                9 => "fail",
                _ => "waitForEvent",
            };
            steps.Add(new PlanStep
            {
                Id = id,
                Tool = tool,
                DependsOn = dependencies,
                Parameters = ParametersOf(tool, seed, dependencies),
                Condition = ConditionOf(seed, dependencies),
                Retry = seed.Retry,
                TimeoutSeconds = seed.TimeoutSeconds == 0 ? null : seed.TimeoutSeconds,
                StopOnFailure = seed.StopOnFailureRoll switch { 1 => true, 2 => false, _ => null },
            });
            scripts[id] = seed.Script;
            answers[id] = seed.AiAnswer;
        }

        var plan = new Plan
        {
            Name = "generated plan",
            Goal = "exercise the run state machine",
            Input = JsonDocument.Parse("""{"x":1}""").RootElement.Clone(),
            TimeoutSeconds = runTimeout < 30 ? null : runTimeout,
            Defaults = defaults,
            Steps = steps,
        };
        return new RunCase(plan, scripts, answers, [.. controls.OrderBy(c => c.AtSeconds)], crashPoints);
    }

    private static string IdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"s{index}");

    private static JsonElement? ParametersOf(string tool, StepSeed seed, string[] dependencies)
    {
        var parameters = new JsonObject();
        switch (tool)
        {
            case "delay":
                parameters["milliseconds"] = seed.Parameter;
                break;
            case "fail":
                parameters["message"] = "scripted failure";
                parameters["failTimes"] = seed.Parameter % 5;
                parameters["retryable"] = seed.Parameter % 3 != 0;
                break;
            case "waitForEvent":
                parameters["eventName"] = EventNames[seed.Parameter % EventNames.Length];
                if (seed.Parameter % 2 == 1)
                {
                    parameters["timeoutSeconds"] = 1 + (seed.Parameter % 120);
                }

                break;
        }

        var dependency = dependencies.Length == 0 ? null : dependencies[seed.Parameter % dependencies.Length];
        var template = (seed.TemplateRoll, dependency) switch
        {
            (< 7, _) => null,
            (11, _) => "{{ input.x }} in {{ run.instanceId }}",
            (_, null) => "{{ input.x }}",
            (7, _) => $"{{{{ steps.{dependency}.output.n }}}}",
            (8, _) => $"n={{{{ steps.{dependency}.output.n }}}} status={{{{ steps.{dependency}.status }}}}",
            (9, _) => $"{{{{ steps.{dependency}.status }}}}",
            (15, _) => $"{{{{ steps.{dependency}.output.missing }}}}",
            _ => $"{{{{ steps.{dependency}.output }}}}",
        };
        if (template is not null)
        {
            parameters["ref"] = template;
        }

        return parameters.Count == 0 ? null : JsonSerializer.SerializeToElement(parameters);
    }

    private static StepCondition? ConditionOf(StepSeed seed, string[] dependencies)
    {
        if (seed.ConditionRoll < 10)
        {
            return null;
        }

        if (seed.ConditionRoll == 15)
        {
            return StepCondition.FromAiQuestion("Should this step run?");
        }

        if (dependencies.Length == 0)
        {
            return StepCondition.FromExpression("input.x == 1");
        }

        var d = dependencies[seed.Parameter % dependencies.Length];
        var threshold = seed.Parameter % 7;
        return StepCondition.FromExpression(seed.ConditionRoll switch
        {
            10 => $"steps.{d}.status == 'Succeeded'",
            11 => $"steps.{d}.status == 'Failed'",
            12 => $"steps.{d}.output.n > {threshold}",
            13 => $"exists(steps.{d}.output.n) || steps.{d}.status != 'Succeeded'",
            _ => $"steps.{d}.attempts >= 2 && !(steps.{d}.status == 'Skipped')",
        });
    }
}
