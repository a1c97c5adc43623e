using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PlanFunctions.Tools.Configuration;

/// <summary>
/// Turns a start-up failure caused by settings into lines a person can read: one per problem, naming the setting as it
/// is written in configuration, what is wrong with its value (never the value itself) and where it came from (an
/// environment variable, <c>local.settings.json</c>, <c>host.json</c>, the command line) when the configuration says.
/// Used by every entry point (the service, the command line, the Functions app) so that all of them report alike.
/// </summary>
public static partial class StartupErrors
{
    /// <summary>The exit code of a process that stopped at start-up because a setting is wrong.</summary>
    public const int ExitCode = 3;

    /// <summary>
    /// The problems <paramref name="exception"/> reports about settings, one line each, or an empty list when it is not
    /// about settings (then it is a fault to report as such).
    /// </summary>
    /// <param name="exception">What start-up threw: an <see cref="OptionsValidationException"/>, a value that could not be converted, an unreadable settings file, or an aggregate of them.</param>
    /// <param name="configuration">The configuration the process read, to say where each setting came from; may be <see langword="null"/>.</param>
    public static IReadOnlyList<string> Describe(Exception exception, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        foreach (var problem in Problems(exception))
        {
            var (key, text) = problem;
            var line = text.TrimEnd();
            if (key is not null && Find(configuration, key) is var (provider, spelled))
            {
                // The key as the person wrote it (host.json's camelCase, an environment variable's own casing).
                if (line.StartsWith(key, StringComparison.OrdinalIgnoreCase))
                {
                    line = spelled + line[key.Length..];
                }

                if (Name(provider, spelled) is { } source)
                {
                    line = $"{line.TrimEnd('.')} (from {source}).";
                }
            }

            if (!lines.Contains(line, StringComparer.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// Writes each line of <see cref="Describe"/> to <paramref name="error"/>, prefixed with <paramref name="prefix"/>
    /// (such as <c>planfunctions: </c>); returns whether there was any, that is whether the failure was about settings.
    /// </summary>
    public static bool TryWrite(Exception exception, IConfiguration? configuration, TextWriter error, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = Describe(exception, configuration);
        foreach (var line in lines)
        {
            error.WriteLine(prefix + line);
        }

        return lines.Count > 0;
    }

    private static IEnumerable<(string? Key, string Text)> Problems(Exception exception)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    foreach (var problem in Problems(inner))
                    {
                        yield return problem;
                    }
                }

                yield break;
            case OptionsValidationException validation:
                foreach (var failure in validation.Failures)
                {
                    yield return FromFailure(validation.OptionsType, failure);
                }

                yield break;
            case InvalidOperationException when ConversionFailure().Match(exception.Message) is { Success: true } conversion:
                var path = conversion.Groups["path"].Value;
                yield return (path, $"{path} must be {DescribeType(conversion.Groups["type"].Value)}; the value given cannot be read as one.");
                yield break;
            case InvalidDataException when exception.Message.Contains(".json", StringComparison.OrdinalIgnoreCase):
                yield return (null, exception.Message);
                yield break;
        }

        if (exception.InnerException is { } cause)
        {
            foreach (var problem in Problems(cause))
            {
                yield return problem;
            }
        }
    }

    private static (string? Key, string Text) FromFailure(Type optionsType, string failure)
    {
        if (DataAnnotationFailure().Match(failure) is { Success: true } annotation)
        {
            var member = annotation.Groups["member"].Value;
            var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
            var key = section is null ? member : $"{section}:{member}";
            var error = annotation.Groups["error"].Value;
            var fieldPrefix = $"The field {member} ";
            error = error.StartsWith(fieldPrefix, StringComparison.Ordinal) ? $"{key} {error[fieldPrefix.Length..]}" : $"{key}: {error}";
            return (key, error);
        }

        return (LeadingKey().Match(failure) is { Success: true } leading ? leading.Groups["key"].Value : null, failure);
    }

    private static string DescribeType(string typeName) => typeName switch
    {
        "System.TimeSpan" => "a duration such as 00:00:30",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URI",
        _ when typeName.StartsWith("System.Nullable`1[[", StringComparison.Ordinal) => DescribeType(typeName[19..typeName.IndexOf(',', StringComparison.Ordinal)]),
        _ => $"a value of type {typeName}",
    };

    /// <summary>
    /// The provider whose value of <paramref name="key"/> won (the last that has it) and the key as that provider
    /// spells it, or <see langword="null"/> when no provider has it or the configuration is not at hand.
    /// </summary>
    private static (IConfigurationProvider Provider, string Spelled)? Find(IConfiguration? configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        // A key with an index (DeniedNetworks:0) or without one (DeniedNetworks, whose children are set) both count.
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _) || provider.GetChildKeys([], key).Any())
            {
                return (provider, Spell(provider, key));
            }
        }

        return null;
    }

    private static string Spell(IConfigurationProvider provider, string key)
    {
        string? parent = null;
        foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
        {
            var spelled = provider.GetChildKeys([], parent)
                .FirstOrDefault(child => string.Equals(child, segment, StringComparison.OrdinalIgnoreCase)) ?? segment;
            parent = parent is null ? spelled : ConfigurationPath.Combine(parent, spelled);
        }

        return parent ?? key;
    }

    private static string? Name(IConfigurationProvider provider, string key)
    {
        var type = provider.GetType().Name;
        var text = provider.ToString() ?? type;
        if (type.StartsWith("EnvironmentVariables", StringComparison.Ordinal))
        {
            var prefix = EnvironmentPrefix().Match(text) is { Success: true } match ? match.Groups["prefix"].Value : string.Empty;
            return $"environment variable {prefix}{key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal)}";
        }

        if (type.StartsWith("CommandLine", StringComparison.Ordinal))
        {
            return "the command line";
        }

        if (FileName().Match(text) is { Success: true } file)
        {
            return file.Groups["file"].Value;
        }

        // Settings given in code (memory providers) have no place a person could change.
        return null;
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value(?: '.*')? at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_.]*(?::[A-Za-z0-9_.]+)+)\b")]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"Prefix: '(?<prefix>[^']*)'")]
    private static partial Regex EnvironmentPrefix();

    [GeneratedRegex(@" for '(?<file>[^']+)'")]
    private static partial Regex FileName();
}
