using PlanFunctions.Core.Tools;

namespace PlanFunctions.Core.Plans;

/// <summary>What the validator is told about the host a plan is submitted to.</summary>
public sealed record PlanValidationOptions
{
    /// <summary>The tools the host offers.</summary>
    public IToolCatalog Tools { get; init; } = NameOnlyToolCatalog.BuiltIns;

    /// <summary>The limits plans are held to.</summary>
    public PlanLimits Limits { get; init; } = PlanLimits.Default;

    /// <summary>
    /// <see langword="null"/> when AI conditions can be evaluated here; otherwise why not (for example, no Azure
    /// OpenAI endpoint is configured), which becomes the message of every AI condition's problem.
    /// </summary>
    public string? AiUnavailableReason { get; init; } = "no Azure OpenAI endpoint is configured (set AzureOpenAI:Endpoint)";
}
