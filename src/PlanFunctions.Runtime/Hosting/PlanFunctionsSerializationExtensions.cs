using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>System.Text.Json for every PlanFunctions type that crosses a grain call, on silos and clients alike.</summary>
public static class PlanFunctionsSerializationExtensions
{
    /// <summary>Serializes PlanFunctions' types (and <see cref="JsonElement"/>) with System.Text.Json and <see cref="PlanJson.Options"/>.</summary>
    public static IServiceCollection AddPlanFunctionsSerializer(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(IsPlanFunctionsType, new JsonSerializerOptions(PlanJson.Options)));

    /// <summary>Adds the serializer a client of a PlanFunctions cluster needs.</summary>
    public static IClientBuilder AddPlanFunctionsClient(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddPlanFunctionsSerializer();
        return client;
    }

    private static bool IsPlanFunctionsType(Type type) =>
        type == typeof(JsonElement)
        || (type.Namespace?.StartsWith("PlanFunctions.", StringComparison.Ordinal) == true && !typeof(IAddressable).IsAssignableFrom(type));
}
