namespace PlanFunctions.Tools.Http;

/// <summary>Settings of the built-in <c>http</c> tool, bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed class HttpToolOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "PlanFunctions:Tools:Http";

    /// <summary>The longest timeout a request may have, in seconds (seven days, the longest run).</summary>
    public const double MaxTimeoutSeconds = 604_800;

    /// <summary>The largest response body a request may return, in bytes; a larger one fails the step, not retryable. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The timeout of a request whose step sets no <c>timeoutSeconds</c>, in seconds. Default 100, as HttpClient's.</summary>
    public double DefaultTimeoutSeconds { get; set; } = 100;
}
