using System.Text.Json;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Tools;

namespace PlanFunctions.Core.Tests.Plans;

public sealed class PlanValidatorTests
{
    private static readonly PlanValidationOptions AiAvailable = new() { AiUnavailableReason = null };

    private static IReadOnlyList<PlanProblem> Validate(string json, PlanValidationOptions? options = null)
    {
        var read = PlanReader.Read(json);
        Assert.Empty(read.Problems);
        return PlanValidator.Validate(read.Plan!, options ?? new PlanValidationOptions());
    }

    private static PlanProblem Single(string json, PlanValidationOptions? options = null) => Assert.Single(Validate(json, options));

    private static string Steps(string steps) => $$"""{ "name": "p", "steps": [ {{steps}} ] }""";

    [Fact]
    public void The_plan_of_the_format_description_is_valid()
    {
        var problems = Validate("""
            {
              "name": "Morning report",
              "goal": "Summarise new orders",
              "defaults": { "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 1 } },
              "steps": [
                { "id": "fetch", "tool": "http", "parameters": { "method": "GET", "url": "https://example.test/orders" }, "stopOnFailure": true },
                { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "n": "{{ steps.fetch.output.body.total }}" } },
                { "id": "summarise", "tool": "ai.chat", "dependsOn": ["count"],
                  "condition": "steps.count.output.n > 0",
                  "parameters": { "prompt": "Summarise these orders: {{ steps.fetch.output.body.items }}" } }
              ]
            }
            """);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Name_must_be_1_to_200_characters(int length)
    {
        var json = $$"""{ "name": "{{new string('n', length)}}", "steps": [ { "id": "a", "tool": "echo" } ] }""";

        var problem = Single(json);

        Assert.Equal(("$.name", "name"), (problem.Path, problem.Property));
        Assert.Equal($"must be 1 to 200 characters long, not {length}{(length > 200 ? " (PlanLimits.MaxNameLength)" : string.Empty)}", problem.Message);
    }

    [Fact]
    public void A_name_of_200_characters_is_accepted()
    {
        Assert.Empty(Validate($$"""{ "name": "{{new string('n', 200)}}", "steps": [ { "id": "a", "tool": "echo" } ] }"""));
    }

    [Fact]
    public void A_plan_needs_a_step()
    {
        var problem = Single("""{ "name": "p", "steps": [] }""");

        Assert.Equal(("$.steps", "a plan needs at least one step"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_plan_may_not_have_more_steps_than_the_limit()
    {
        var options = new PlanValidationOptions { Limits = new PlanLimits { MaxSteps = 2 } };

        var problem = Single(Steps("""{ "id": "a", "tool": "echo" }, { "id": "b", "tool": "echo" }, { "id": "c", "tool": "echo" }"""), options);

        Assert.Equal(("$.steps", "has 3 steps; at most 2 are allowed (PlanLimits.MaxSteps)"), (problem.Path, problem.Message));
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("_a")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("ünïcode")]
    [InlineData("")]
    [InlineData("axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // 65 characters
    public void Step_id_must_match_the_id_pattern(string id)
    {
        var problem = Single(Steps($$"""{ "id": "{{id}}", "tool": "echo" }"""));

        Assert.Equal("$.steps[0].id", problem.Path);
        Assert.StartsWith($"'{id}' is not a valid step id", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Fetch_orders-2")]
    [InlineData("Abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb9")] // 64 characters
    public void Step_ids_that_match_the_pattern_are_accepted(string id)
    {
        Assert.Empty(Validate(Steps($$"""{ "id": "{{id}}", "tool": "echo" }""")));
    }

    [Fact]
    public void Duplicate_ids_name_both_positions()
    {
        var problem = Single(Steps("""{ "id": "a", "tool": "echo" }, { "id": "b", "tool": "echo" }, { "id": "a", "tool": "echo" }"""));

        Assert.Equal(("$.steps[2].id", "a", "id"), (problem.Path, problem.StepId, problem.Property));
        Assert.Equal("duplicate id 'a': steps[0] and steps[2] both use it", problem.Message);
    }

    [Fact]
    public void Dependencies_must_be_known_other_steps_listed_once()
    {
        var problems = Validate(Steps("""
            { "id": "a", "tool": "echo" },
            { "id": "b", "tool": "echo", "dependsOn": ["a", "ghost", "b", "a"] }
            """));

        Assert.Collection(
            problems,
            p => Assert.Equal(("$.steps[1].dependsOn[1]", "b", "dependsOn[1]", "unknown step 'ghost'"), (p.Path, p.StepId, p.Property, p.Message)),
            p => Assert.Equal(("$.steps[1].dependsOn[2]", "a step cannot depend on itself"), (p.Path, p.Message)),
            p => Assert.Equal(("$.steps[1].dependsOn[3]", "'a' is listed more than once"), (p.Path, p.Message)));
    }

    [Fact]
    public void A_cycle_is_reported_once_naming_its_steps_in_order()
    {
        var problem = Single(Steps("""
            { "id": "start", "tool": "echo" },
            { "id": "a", "tool": "echo", "dependsOn": ["start", "c"] },
            { "id": "b", "tool": "echo", "dependsOn": ["a"] },
            { "id": "c", "tool": "echo", "dependsOn": ["b"] }
            """));

        Assert.Equal(("$.steps[1].dependsOn", "a"), (problem.Path, problem.StepId));
        Assert.Contains("a -> c -> b -> a", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_separate_cycle_is_reported()
    {
        var problems = Validate(Steps("""
            { "id": "a", "tool": "echo", "dependsOn": ["b"] },
            { "id": "b", "tool": "echo", "dependsOn": ["a"] },
            { "id": "x", "tool": "echo", "dependsOn": ["y"] },
            { "id": "y", "tool": "echo", "dependsOn": ["x"] }
            """));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Message.Contains("a -> b -> a", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("x -> y -> x", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_cycle_is_a_real_one_when_the_first_dependency_leads_elsewhere()
    {
        // c's first dependency leads back to b, not to a; the cycle through a goes c -> d -> a.
        var problem = Single(Steps("""
            { "id": "a", "tool": "echo", "dependsOn": ["b"] },
            { "id": "b", "tool": "echo", "dependsOn": ["c"] },
            { "id": "c", "tool": "echo", "dependsOn": ["b", "d"] },
            { "id": "d", "tool": "echo", "dependsOn": ["a"] }
            """));

        Assert.Contains("a -> b -> c -> d -> a", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tool_is_rejected_with_the_catalogs_reason()
    {
        var problem = Single(Steps("""{ "id": "a", "tool": "sendMail" }"""));

        Assert.Equal(("$.steps[0].tool", "a", "tool"), (problem.Path, problem.StepId, problem.Property));
        Assert.StartsWith("unknown tool 'sendMail'; known tools: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tools_parameter_problems_are_reported_under_parameters()
    {
        var options = new PlanValidationOptions { Tools = new DelayOnlyCatalog() };

        var problems = Validate(Steps("""
            { "id": "wait", "tool": "delay", "parameters": { "milliseconds": "soon" } },
            { "id": "bare", "tool": "delay" },
            { "id": "other", "tool": "echo" }
            """), options);

        Assert.Collection(
            problems,
            p => Assert.Equal(("$.steps[0].parameters.milliseconds", "wait", "parameters.milliseconds", "must be a number"), (p.Path, p.StepId, p.Property, p.Message)),
            p => Assert.Equal(("$.steps[1].parameters.milliseconds", "bare", "is required"), (p.Path, p.StepId, p.Message)),
            p => Assert.Equal(("$.steps[2].tool", "not offered by this host"), (p.Path, p.Message)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("604801")]
    public void Run_timeout_must_be_positive_and_at_most_seven_days(string seconds)
    {
        var problem = Single($$"""{ "name": "p", "timeoutSeconds": {{seconds}}, "steps": [ { "id": "a", "tool": "echo" } ] }""");

        Assert.Equal(("$.timeoutSeconds", "timeoutSeconds"), (problem.Path, problem.Property));
        Assert.Equal(
            $"must be a number greater than 0 and at most 604800, not {seconds}{(seconds == "604801" ? " (PlanLimits.MaxRunTimeoutSeconds)" : string.Empty)}",
            problem.Message);
    }

    [Fact]
    public void Step_and_default_timeouts_are_held_to_the_step_limit()
    {
        var options = new PlanValidationOptions { Limits = new PlanLimits { MaxStepTimeoutSeconds = 60 } };

        var problems = Validate("""
            { "name": "p", "timeoutSeconds": 604800, "defaults": { "timeoutSeconds": 61 },
              "steps": [ { "id": "a", "tool": "echo", "timeoutSeconds": 0 }, { "id": "b", "tool": "echo", "timeoutSeconds": 60 } ] }
            """, options);

        Assert.Equal(["$.defaults.timeoutSeconds", "$.steps[0].timeoutSeconds"], problems.Select(p => p.Path));
    }

    [Fact]
    public void Retry_ranges_are_checked_in_steps_and_in_defaults()
    {
        var problems = Validate("""
            { "name": "p",
              "defaults": { "retry": { "maxNumberOfAttempts": 0, "backoffCoefficient": 0.5 } },
              "steps": [ { "id": "a", "tool": "echo",
                           "retry": { "maxNumberOfAttempts": 101, "firstRetryIntervalSeconds": 0, "backoffCoefficient": 0.99,
                                      "maxRetryIntervalSeconds": -1, "retryTimeoutSeconds": 0 } } ] }
            """);

        Assert.Collection(
            problems,
            p => Assert.Equal(("$.defaults.retry.maxNumberOfAttempts", "must be a whole number from 1 to 100, not 0"), (p.Path, p.Message)),
            p => Assert.Equal(("$.defaults.retry.backoffCoefficient", "must be a number of at least 1, not 0.5"), (p.Path, p.Message)),
            p => Assert.Equal(("$.steps[0].retry.maxNumberOfAttempts", "a", "retry.maxNumberOfAttempts"), (p.Path, p.StepId, p.Property)),
            p => Assert.Equal(("$.steps[0].retry.firstRetryIntervalSeconds", "must be a number greater than 0, not 0"), (p.Path, p.Message)),
            p => Assert.Equal("$.steps[0].retry.backoffCoefficient", p.Path),
            p => Assert.Equal("$.steps[0].retry.maxRetryIntervalSeconds", p.Path),
            p => Assert.Equal("$.steps[0].retry.retryTimeoutSeconds", p.Path));
    }

    [Fact]
    public void Retry_policies_at_the_edges_of_the_ranges_are_accepted()
    {
        Assert.Empty(Validate(Steps("""
            { "id": "a", "tool": "echo", "retry": { "maxNumberOfAttempts": 1, "backoffCoefficient": 1, "firstRetryIntervalSeconds": 0.001 } },
            { "id": "b", "tool": "echo", "retry": { "maxNumberOfAttempts": 100, "maxRetryIntervalSeconds": 0.5, "retryTimeoutSeconds": 1 } }
            """)));
    }

    [Fact]
    public void Numbers_that_are_not_finite_are_rejected_in_a_plan_built_in_code()
    {
        var plan = new Plan
        {
            Name = "p",
            TimeoutSeconds = double.PositiveInfinity,
            Defaults = new PlanDefaults { TimeoutSeconds = double.NaN },
            Steps =
            [
                new PlanStep
                {
                    Id = "a",
                    Tool = "echo",
                    Retry = new RetryPolicy { FirstRetryIntervalSeconds = double.NaN, BackoffCoefficient = double.PositiveInfinity, MaxRetryIntervalSeconds = double.PositiveInfinity },
                },
            ],
        };

        var problems = PlanValidator.Validate(plan, new PlanValidationOptions());

        Assert.Equal(
            ["$.timeoutSeconds", "$.defaults.timeoutSeconds", "$.steps[0].retry.firstRetryIntervalSeconds", "$.steps[0].retry.backoffCoefficient", "$.steps[0].retry.maxRetryIntervalSeconds"],
            problems.Select(p => p.Path));
    }

    [Fact]
    public void A_condition_that_does_not_parse_is_rejected_with_its_position()
    {
        var problem = Single(Steps("""{ "id": "a", "tool": "echo", "condition": "input.x == " }"""));

        Assert.Equal(("$.steps[0].condition", "a", "condition"), (problem.Path, problem.StepId, problem.Property));
        Assert.NotNull(problem.Position);
        Assert.InRange(problem.Position!.Value, 9, 11);
        Assert.Contains("(at character ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_longer_than_the_limit_is_rejected()
    {
        var options = new PlanValidationOptions { Limits = new PlanLimits { MaxExpressionLength = 10 } };

        var problem = Single(Steps("""{ "id": "a", "tool": "echo", "condition": "input.value == 1" }"""), options);

        Assert.Equal("is 16 characters long; at most 10 are allowed (PlanLimits.MaxExpressionLength)", problem.Message);
    }

    [Fact]
    public void A_condition_may_read_steps_it_depends_on_directly_or_transitively()
    {
        Assert.Empty(Validate(Steps("""
            { "id": "a", "tool": "echo" },
            { "id": "b", "tool": "echo", "dependsOn": ["a"] },
            { "id": "c", "tool": "echo", "dependsOn": ["b"], "condition": "steps.a.status == 'Succeeded' && steps.b.output.ok == true && input.go == true" }
            """)));
    }

    [Fact]
    public void A_condition_may_not_read_a_step_it_does_not_depend_on()
    {
        var problems = Validate(Steps("""
            { "id": "a", "tool": "echo" },
            { "id": "b", "tool": "echo" },
            { "id": "c", "tool": "echo", "dependsOn": ["a"], "condition": "steps.b.output.x > 1 || exists(steps.nowhere.output) || steps.c.status == 'Failed'" }
            """));

        Assert.All(problems, p => Assert.Equal(("$.steps[2].condition", "c", "condition"), (p.Path, p.StepId, p.Property)));
        Assert.Collection(
            problems,
            p => Assert.Contains("names step 'b', which this step does not depend on", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("names step 'nowhere', which is not in the plan", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("names its own step 'c'", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_ai_condition_is_rejected_where_ai_is_unavailable()
    {
        var options = new PlanValidationOptions { AiUnavailableReason = "no endpoint here" };

        var problem = Single(Steps("""{ "id": "a", "tool": "echo", "condition": { "ai": "Is it sunny?" } }"""), options);

        Assert.Equal(("$.steps[0].condition", "a", "condition"), (problem.Path, problem.StepId, problem.Property));
        Assert.Equal("an AI condition cannot be used here: no endpoint here", problem.Message);
    }

    [Fact]
    public void An_ai_condition_is_accepted_where_ai_is_available()
    {
        Assert.Empty(Validate(Steps("""{ "id": "a", "tool": "echo", "condition": { "ai": "Is it sunny?" } }"""), AiAvailable));
    }

    [Fact]
    public void Templates_may_read_input_run_and_steps_depended_on()
    {
        Assert.Empty(Validate("""
            { "name": "p", "input": { "who": "Ann" },
              "steps": [
                { "id": "a", "tool": "echo" },
                { "id": "b", "tool": "echo", "dependsOn": ["a"] },
                { "id": "c", "tool": "echo", "dependsOn": ["b"],
                  "parameters": { "text": "Hi {{ input.who }} from {{ run.name }}", "list": [ { "x": "{{ steps.a.output }}" } ],
                                  "n": "{{ steps.b.attempts }}", "plain": 5 } }
              ] }
            """));
    }

    [Fact]
    public void A_template_naming_a_step_not_depended_on_is_rejected_at_its_location()
    {
        var problems = Validate(Steps("""
            { "id": "a", "tool": "echo" },
            { "id": "late", "tool": "echo", "dependsOn": ["b"] },
            { "id": "b", "tool": "echo", "parameters": { "body": { "items": [ "{{ steps.a.output }}", "{{ steps.late.output.x }}" ] }, "who": "{{ steps.ghost.status }}" } }
            """));

        Assert.Collection(
            problems,
            p =>
            {
                Assert.Equal(("$.steps[2].parameters.body.items[0]", "b", "parameters.body.items[0]"), (p.Path, p.StepId, p.Property));
                Assert.Contains("'{{ steps.a.output }}' names step 'a', which this step does not depend on", p.Message, StringComparison.Ordinal);
            },
            p => Assert.Equal("$.steps[2].parameters.body.items[1]", p.Path),
            p =>
            {
                Assert.Equal("$.steps[2].parameters.who", p.Path);
                Assert.Contains("names step 'ghost', which is not in the plan", p.Message, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void A_template_that_does_not_parse_is_rejected_with_its_location_and_position()
    {
        var problem = Single(Steps("""{ "id": "a", "tool": "echo", "parameters": { "text": "Hello {{ input.who " } }"""));

        Assert.Equal(("$.steps[0].parameters.text", "a", "parameters.text"), (problem.Path, problem.StepId, problem.Property));
        Assert.NotNull(problem.Position);
    }

    [Fact]
    public void Every_problem_of_a_plan_is_reported_together()
    {
        var problems = Validate("""
            { "name": "",
              "timeoutSeconds": 0,
              "steps": [
                { "id": "fetch", "tool": "curl", "retry": { "maxNumberOfAttempts": 0 } },
                { "id": "fetch", "tool": "echo", "dependsOn": ["nothing"] },
                { "id": "9lives", "tool": "echo", "condition": "(((" },
                { "id": "use", "tool": "echo", "parameters": { "x": "{{ steps.other.output }}" } },
                { "id": "x", "tool": "echo", "dependsOn": ["y"] },
                { "id": "y", "tool": "echo", "dependsOn": ["x"] }
              ] }
            """);

        Assert.Equal(
            [
                "$.name", "$.timeoutSeconds",
                "$.steps[0].tool", "$.steps[0].retry.maxNumberOfAttempts",
                "$.steps[1].id", "$.steps[1].dependsOn[0]",
                "$.steps[2].id", "$.steps[2].condition",
                "$.steps[3].parameters.x",
                "$.steps[4].dependsOn",
            ],
            problems.Select(p => p.Path));
    }

    [Fact]
    public void Read_and_validate_reports_a_shape_problem_once()
    {
        var result = PlanValidator.ReadAndValidate("""
            { "steps": [
                { "tool": "echo" },
                { "id": "b" },
                12,
                { "id": "d", "tool": "nope", "retry": { "maxNumberOfAttempts": "many" } }
            ] }
            """u8.ToArray(), new PlanValidationOptions());

        Assert.Equal(
            ["$.name", "$.steps[0].id", "$.steps[1].tool", "$.steps[2]", "$.steps[3].retry.maxNumberOfAttempts", "$.steps[3].tool"],
            result.Problems.Select(p => p.Path));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Read_and_validate_accepts_a_good_plan()
    {
        var result = PlanValidator.ReadAndValidate("""{ "name": "p", "steps": [ { "id": "a", "tool": "echo" } ] }"""u8.ToArray(), new PlanValidationOptions());

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
    }

    /// <summary>A host with the delay tool only, which wants its milliseconds as a number.</summary>
    private sealed class DelayOnlyCatalog : IToolCatalog
    {
        public IReadOnlyCollection<string> ToolNames { get; } = ["delay"];

        public bool IsAvailable(string toolName, out string? reason)
        {
            reason = toolName == "delay" ? null : "not offered by this host";
            return reason is null;
        }

        public IEnumerable<(string Property, string Message)> CheckParameters(string toolName, JsonElement parameters)
        {
            if (!parameters.TryGetProperty("milliseconds", out var ms))
            {
                yield return ("milliseconds", "is required");
            }
            else if (ms.ValueKind != JsonValueKind.Number)
            {
                yield return ("milliseconds", "must be a number");
            }
        }
    }
}
