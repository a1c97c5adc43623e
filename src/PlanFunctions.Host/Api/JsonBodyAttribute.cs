namespace PlanFunctions.Host.Api;

/// <summary>
/// Marks an endpoint that reads a JSON body itself, for the OpenAPI document. Unlike <c>Accepts</c>, it does not
/// make routing refuse other content types: as in Durable Functions, the body is judged by what it holds.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class JsonBodyAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
