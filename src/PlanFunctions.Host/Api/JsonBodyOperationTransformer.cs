using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PlanFunctions.Host.Api;

/// <summary>Describes the JSON request body of the endpoints marked with <see cref="JsonBodyAttribute"/>.</summary>
internal sealed class JsonBodyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyAttribute>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = body.Description,
                Required = false,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema() },
                },
            };
        }

        return Task.CompletedTask;
    }
}
