using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.BuiltIn;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.Registry;

public sealed class ToolRegistryTests
{
    private readonly ToolRegistry _registry = new([new EchoTool(), new DelayTool(TimeProvider.System), new FailTool()]);

    [Fact]
    public void Registered_tools_and_the_engine_carried_ones_are_known()
    {
        Assert.Equal(["ai.chat", "delay", "echo", "fail", "waitForEvent"], _registry.ToolNames);
    }

    [Fact]
    public void An_unknown_tool_is_unavailable_and_the_reason_lists_the_known_tools()
    {
        Assert.False(_registry.IsAvailable("shout", out var reason));

        Assert.Equal("unknown tool 'shout'; known tools: ai.chat, delay, echo, fail, waitForEvent", reason);
    }

    [Fact]
    public void A_name_that_differs_only_in_case_is_unknown_and_the_reason_suggests_the_right_one()
    {
        Assert.False(_registry.IsAvailable("Echo", out var reason));

        Assert.Contains("did you mean 'echo'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ai_chat_is_unavailable_until_Azure_OpenAI_is_configured_and_says_how_to_configure_it()
    {
        Assert.False(_registry.IsAvailable(BuiltInToolNames.AiChat, out var reason));

        Assert.Equal("the ai.chat tool needs Azure OpenAI: no endpoint is configured (set AzureOpenAI:Endpoint)", reason);
    }

    [Fact]
    public void Ai_chat_is_available_once_a_tool_of_that_name_is_registered()
    {
        var registry = new ToolRegistry([new NamedTool(BuiltInToolNames.AiChat)]);

        Assert.True(registry.IsAvailable(BuiltInToolNames.AiChat, out var reason));
        Assert.Null(reason);
        Assert.True(registry.TryGetTool(BuiltInToolNames.AiChat, out _));
    }

    [Fact]
    public void WaitForEvent_is_available_but_has_no_tool_to_run_because_the_engine_waits_itself()
    {
        Assert.True(_registry.IsAvailable(BuiltInToolNames.WaitForEvent, out var reason));
        Assert.Null(reason);
        Assert.False(_registry.TryGetTool(BuiltInToolNames.WaitForEvent, out _));
    }

    [Theory]
    [InlineData("{}", "eventName", "is required")]
    [InlineData("""{ "eventName": " " }""", "eventName", "must not be empty")]
    [InlineData("""{ "eventName": 7 }""", "eventName", "must be a string")]
    [InlineData("""{ "eventName": "approved", "timeoutSeconds": 0 }""", "timeoutSeconds", "greater than 0")]
    [InlineData("""{ "eventName": "approved", "timeoutSeconds": "1h" }""", "timeoutSeconds", "must be a number")]
    public void WaitForEvent_parameters_are_checked(string parameters, string property, string message)
    {
        var problem = Assert.Single(_registry.CheckParameters(BuiltInToolNames.WaitForEvent, Json.Parse(parameters)));

        Assert.Equal(property, problem.Property);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForEvent_accepts_good_parameters_and_templates()
    {
        Assert.Empty(_registry.CheckParameters(BuiltInToolNames.WaitForEvent, Json.Parse("""{ "eventName": "approved", "timeoutSeconds": 3600 }""")));
        Assert.Empty(_registry.CheckParameters(BuiltInToolNames.WaitForEvent, Json.Parse("""{ "eventName": "{{ input.event }}", "timeoutSeconds": "{{ input.wait }}" }""")));
    }

    [Fact]
    public void Parameter_checks_go_to_the_named_tool()
    {
        var problem = Assert.Single(_registry.CheckParameters(BuiltInToolNames.Delay, Json.Parse("{}")));

        Assert.Equal("milliseconds", problem.Property);
    }

    [Fact]
    public void A_tool_whose_check_throws_gets_a_problem_instead_of_breaking_validation()
    {
        var registry = new ToolRegistry([new NamedTool("broken", _ => throw new InvalidOperationException("lookup table missing"))]);

        var problem = Assert.Single(registry.CheckParameters("broken", Json.Parse("{}")));

        Assert.Contains("lookup table missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_tools_with_one_name_are_rejected_naming_the_name_and_both_types()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ToolRegistry([new EchoTool(), new NamedTool("echo")]));

        Assert.Contains("two tools are named 'echo'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(EchoTool).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(NamedTool).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_may_not_take_the_name_the_engine_carries_out_itself()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ToolRegistry([new NamedTool(BuiltInToolNames.WaitForEvent)]));

        Assert.Contains("'waitForEvent'", error.Message, StringComparison.Ordinal);
    }
}
