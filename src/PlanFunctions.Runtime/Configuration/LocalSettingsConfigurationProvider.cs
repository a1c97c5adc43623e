using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace PlanFunctions.Runtime.Configuration;

/// <summary>Reads <c>local.settings.json</c>'s <c>Values</c> and <c>ConnectionStrings</c>.</summary>
internal sealed class LocalSettingsConfigurationProvider(LocalSettingsConfigurationSource source) : ConfigurationProvider
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Names the file, as the JSON providers do, so that start-up errors can say where a setting came from.</summary>
    public override string ToString() => $"{GetType().Name} for '{source.Path}'";

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var file = source.FileProvider.GetFileInfo(source.Path);
        if (file.Exists && !file.IsDirectory)
        {
            using var stream = file.CreateReadStream();
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(stream, DocumentOptions);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{source.Path} is not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine}): {exception.Message}", exception);
            }

            using (document)
            {
                Read(document.RootElement, "Values", prefix: null, data);
                Read(document.RootElement, "ConnectionStrings", prefix: "ConnectionStrings:", data);
            }
        }

        Data = data;
    }

    private void Read(JsonElement root, string section, string? prefix, Dictionary<string, string?> data)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(section, out var values))
        {
            return;
        }

        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source.Path}: '{section}' must be an object of names and values.");
        }

        foreach (var value in values.EnumerateObject())
        {
            var key = prefix + value.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            data[key] = value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Object or JsonValueKind.Array =>
                    throw new InvalidDataException($"{source.Path}: '{section}:{value.Name}' must be a string, a number or a boolean."),
                _ => value.Value.GetRawText(),
            };
        }
    }
}
