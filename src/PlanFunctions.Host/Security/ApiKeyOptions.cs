namespace PlanFunctions.Host.Security;

/// <summary>
/// The key every call must carry, as an Azure Functions function key: <c>PlanFunctions:ApiKey</c> (in
/// <c>local.settings.json</c>'s <c>Values</c>, or the environment variable <c>PlanFunctions__ApiKey</c>). No key
/// configured means no key is asked for.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "PlanFunctions";

    /// <summary>The smallest key length accepted.</summary>
    public const int MinimumLength = 16;

    /// <summary>The key; <see langword="null"/> or empty for none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether a key is configured.</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(ApiKey);
}
