namespace PlanFunctions.Client.Api;

/// <summary>
/// The HTTP API's settings (the self-hosted service's and the Functions app's starters), bound from <c>host.json</c>'s <c>extensions:http</c> section (where Azure Functions
/// keeps its HTTP settings) and overridable by environment variables, e.g. <c>extensions__http__maxRequestBodyBytes</c>.
/// </summary>
public sealed class HttpApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "extensions:http";

    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413. Default 4 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The <c>Retry-After</c> seconds handed out with every 202 while a run goes on.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
