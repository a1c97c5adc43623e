using System.Globalization;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>Durations as people read them: <c>0.2 s</c>, <c>12.5 s</c>, <c>3 min 05 s</c>, <c>1 h 02 min</c>.</summary>
internal static class Durations
{
    /// <summary>The duration in the shortest form that still says enough.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalSeconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00} min"),
        };
    }

    /// <summary>The duration, or an empty string when there is none.</summary>
    public static string Format(TimeSpan? duration) => duration is { } value ? Format(value) : string.Empty;
}
