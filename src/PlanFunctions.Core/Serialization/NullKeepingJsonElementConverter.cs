using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Serialization;

/// <summary>
/// Keeps a JSON <c>null</c> value as a value: a step whose output is <c>null</c> (an event raised without a payload)
/// reads back with an output of <c>null</c>, not without an output, so a status document is the same on both sides
/// of a wire (an Orleans grain call, Durable Task's payloads, the HTTP API).
/// </summary>
public sealed class NullKeepingJsonElementConverter : JsonConverter<JsonElement?>
{
    private static readonly JsonElement NullValue = JsonDocument.Parse("null").RootElement.Clone();

    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? NullValue : JsonElement.ParseValue(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { ValueKind: not JsonValueKind.Undefined } element)
        {
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
