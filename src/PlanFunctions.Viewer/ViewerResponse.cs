namespace PlanFunctions.Viewer;

/// <summary>An answer of the viewer, for the host to write as it writes HTTP answers (ASP.NET Core, an Azure Functions trigger).</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The media type with its charset.</param>
/// <param name="Body">The body, UTF-8.</param>
/// <param name="Headers">Headers to send with it: the content security policy of pages, the caching of assets.</param>
public sealed record ViewerResponse(int StatusCode, string ContentType, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers);
