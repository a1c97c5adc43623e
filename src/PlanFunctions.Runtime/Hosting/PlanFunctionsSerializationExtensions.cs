using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Configuration;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.Messaging;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>System.Text.Json for every PlanFunctions type that crosses a grain call, on silos and clients alike.</summary>
public static class PlanFunctionsSerializationExtensions
{
    /// <summary>Serializes PlanFunctions' types (and <see cref="JsonElement"/>) with System.Text.Json and <see cref="PlanJson.Options"/>.</summary>
    /// <remarks>The messages of a step's round trip are passed by reference within a silo (see <see cref="ShallowCopiedMessages"/>).</remarks>
    public static IServiceCollection AddPlanFunctionsSerializer(this IServiceCollection services)
    {
        services.AddSerializer(serializer => serializer.AddJsonSerializer(IsPlanFunctionsType, new JsonSerializerOptions(PlanJson.Options)));
        return services.Configure<TypeManifestOptions>(ShallowCopiedMessages.Register);
    }

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
