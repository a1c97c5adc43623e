using System.Text.Json;
using Orleans.Storage;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Grain state as System.Text.Json with <see cref="PlanJson.Options"/>, for the in-memory grain storage (Orleans'
/// default for it is Newtonsoft.Json, which wrote the statistics far slower and in another JSON dialect).
/// </summary>
internal sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, PlanJson.Options));

    /// <inheritdoc/>
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, PlanJson.Options)!;
    }
}
