namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>The text of a chat completion.</summary>
/// <param name="Text">The reply.</param>
/// <param name="CutOff">Whether the reply stopped at the output token limit, so it may be incomplete.</param>
internal sealed record ChatReply(string Text, bool CutOff);
