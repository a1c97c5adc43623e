using System.Text.Json;
using System.Text.Json.Serialization;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Serialization;

/// <summary>Writes a <see cref="StepCondition"/> as plan-format.md has it: a string, or <c>{ "ai": "..." }</c>.</summary>
public sealed class StepConditionJsonConverter : JsonConverter<StepCondition>
{
    /// <inheritdoc />
    public override StepCondition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return StepCondition.FromExpression(reader.GetString()!);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("ai", out var ai)
            && ai.ValueKind == JsonValueKind.String)
        {
            return StepCondition.FromAiQuestion(ai.GetString()!);
        }

        throw new JsonException("A condition is a string expression or { \"ai\": \"question\" }.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StepCondition value, JsonSerializerOptions options)
    {
        if (value.AiQuestion is { } question)
        {
            writer.WriteStartObject();
            writer.WriteString("ai", question);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Expression);
        }
    }
}
