using System.Text.Json;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.BuiltIn;

/// <summary>
/// The submit-time checks of <c>waitForEvent</c>, which the engine carries out itself: <c>eventName</c> a
/// non-empty string, <c>timeoutSeconds</c> an optional number above 0.
/// </summary>
internal static class WaitForEventParameters
{
    public const string EventName = "eventName";
    public const string TimeoutSeconds = "timeoutSeconds";

    public static IReadOnlyList<(string Property, string Message)> Check(JsonElement parameters)
    {
        var reader = new ParameterReader(parameters, acceptTemplates: true);
        reader.RejectUnknown(EventName, TimeoutSeconds);
        reader.Text(EventName, required: true, nonEmpty: true);
        reader.PositiveNumber(TimeoutSeconds, required: false);
        return reader.Problems;
    }
}
