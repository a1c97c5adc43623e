namespace PlanFunctions.Core.Tools;

/// <summary>The names of the built-in tools of plan-format.md.</summary>
public static class BuiltInToolNames
{
    /// <summary>Returns its parameters, after templates.</summary>
    public const string Echo = "echo";

    /// <summary>Waits a number of milliseconds; honours cancellation at once.</summary>
    public const string Delay = "delay";

    /// <summary>Fails its first attempts; for trying out retries.</summary>
    public const string Fail = "fail";

    /// <summary>Makes an HTTP request.</summary>
    public const string Http = "http";

    /// <summary>Asks the configured Azure OpenAI deployment.</summary>
    public const string AiChat = "ai.chat";

    /// <summary>Waits for an event raised on the run; carried out by the engine itself, not by an activity.</summary>
    public const string WaitForEvent = "waitForEvent";

    /// <summary>Every built-in name.</summary>
    public static IReadOnlyList<string> All { get; } = [Echo, Delay, Fail, Http, AiChat, WaitForEvent];
}
