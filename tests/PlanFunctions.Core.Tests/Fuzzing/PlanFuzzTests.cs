using System.Text;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>
/// Malformed and adversarial plan documents through the reader and validator: never an exception, never a hang,
/// always a plan or at least one problem, every problem with a place and a message.
/// </summary>
public sealed class PlanFuzzTests
{
    private static readonly PlanValidationOptions Options = new();

    [Fact]
    public void Mutated_plans_are_read_and_validated_without_a_crash_or_a_hang()
    {
        var checkedCount = FuzzRun.Run(6, PlanInputs.Generate, Check, bytes => Encoding.UTF8.GetString(bytes));

        Assert.True(checkedCount > 0);
    }

    public static TheoryData<string, string> AdversarialPlans() => new()
    {
        { "nesting past the limit", PlanInputs.DeeplyNested(65) },
        { "nesting of 100,000 arrays", PlanInputs.DeeplyNested(100_000) },
        { "nesting of 100,000 objects, unclosed", PlanInputs.DeeplyNested(100_000, '{', ' ') },
        { "1e400 everywhere", """{ "name": "n", "timeoutSeconds": 1e400, "steps": [ { "id": "a", "tool": "delay", "timeoutSeconds": -1e400, "parameters": { "milliseconds": 1e400 }, "retry": { "maxNumberOfAttempts": 1e400, "backoffCoefficient": 1e-400 } } ] }""" },
        { "a huge integer", """{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "retry": { "maxNumberOfAttempts": 123456789012345678901234567890 } } ] }""" },
        { "lone surrogates", """{ "name": "\ud800", "steps": [ { "id": "\udc00", "tool": "\ud800echo", "dependsOn": ["\ud800"], "condition": "input.\ud800 == '\udfff'", "parameters": { "\ud800": "{{ input.\ud800 }}" } } ] }""" },
        { "NUL and right-to-left characters", "{ \"name\": \"a\\u0000b\", \"steps\": [ { \"id\": \"a\\u202E\", \"tool\": \"echo\" } ] }" },
        { "an id of 65 characters", $$"""{ "name": "n", "steps": [ { "id": "{{new string('a', 65)}}", "tool": "echo" }, { "id": "b", "tool": "echo", "dependsOn": ["{{new string('a', 65)}}"] } ] }""" },
        { "an id of 100,000 characters", $$"""{ "name": "n", "steps": [ { "id": "{{new string('a', 100_000)}}", "tool": "echo" } ] }""" },
        { "a cycle of 10,000 steps", PlanInputs.LargeGraph(new Random(1), 10_000) },
        { "a random graph of 10,000 steps", PlanInputs.LargeGraph(new Random(2), 10_000, cycle: false) },
        { "every property twice", """{ "name": "n", "name": "m", "steps": [ { "id": "a", "id": "b", "tool": "echo", "tool": "fail" } ], "steps": [] }""" },
        { "wrong types everywhere", """{ "name": [], "input": 1, "defaults": "x", "timeoutSeconds": "1", "steps": [ 1, "a", null, [], { "id": 1, "tool": {}, "dependsOn": "a", "retry": [], "condition": 5, "parameters": [] } ] }""" },
        { "a root that is not an object", "[1, 2, 3]" },
        { "an empty document", string.Empty },
        { "a byte order mark and nothing else", "\uFEFF" },
        { "a deep condition", $$"""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "condition": "{{new string('(', 2000)}}true{{new string(')', 2000)}}" } ] }""" },
        { "ten thousand templates in one string", $$"""{ "name": "n", "steps": [ { "id": "a", "tool": "echo", "parameters": { "m": "{{string.Concat(Enumerable.Repeat("{{ input.x }}", 10_000))}}" } } ] }""" },
    };

    [Theory]
    [MemberData(nameof(AdversarialPlans))]
    public void An_adversarial_plan_gets_clear_problems(string what, string json)
    {
        FuzzRun.Once(() => Check(Encoding.UTF8.GetBytes(json)));

        var result = PlanValidator.ReadAndValidate(Encoding.UTF8.GetBytes(json), Options);
        Assert.True(result.Problems.Count > 0, $"{what} was accepted");
    }

    [Fact]
    public void Invalid_UTF8_is_a_problem_not_a_crash()
    {
        byte[] json = [.. "{ \"name\": \""u8, 0xC3, 0x28, 0xFF, .. "\", \"steps\": [] }"u8];

        FuzzRun.Once(() => Check(json));
    }

    /// <summary>The invariants every document must meet, whatever it holds.</summary>
    private static void Check(byte[] utf8Json)
    {
        var result = PlanValidator.ReadAndValidate(utf8Json, Options);

        Assert.True(result.Plan is not null || result.Problems.Count > 0, "no plan and no problem");
        foreach (var problem in result.Problems)
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Message), $"a problem at {problem.Path} has no message");
            Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(problem.ToString()));
        }
    }
}
