using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PlanFunctions.Host.Api.Runs;
using PlanFunctions.Host.Security;

namespace PlanFunctions.Host.Api;

/// <summary>The absolute URLs the service hands out, as Durable Functions builds them, with the key when keys are on.</summary>
internal sealed class ManagementUrls(IOptionsMonitor<ApiKeyOptions> keys)
{
    /// <summary>The route prefix of the instance management API.</summary>
    public const string InstancesPath = WebhooksPath + "/instances";

    /// <summary>The route prefix of Durable Functions' start API.</summary>
    public const string OrchestratorsPath = WebhooksPath + "/orchestrators";

    /// <summary>The route prefix of the entity API.</summary>
    public const string EntitiesPath = WebhooksPath + "/entities";

    /// <summary>The root of Durable Functions' built-in HTTP API.</summary>
    public const string WebhooksPath = "/runtime/webhooks/durabletask";

    /// <summary>The check-status payload for a run.</summary>
    public CheckStatusResponse CheckStatus(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{InstancesPath}/{Uri.EscapeDataString(instanceId)}";
        var key = KeyQuery();
        var query = key is null ? string.Empty : "?" + key;
        var andKey = key is null ? string.Empty : "&" + key;
        return new CheckStatusResponse
        {
            Id = instanceId,
            StatusQueryGetUri = instance + query,
            SendEventPostUri = instance + "/raiseEvent/{eventName}" + query,
            TerminatePostUri = instance + "/terminate?reason={text}" + andKey,
            PurgeHistoryDeleteUri = instance + query,
            SuspendPostUri = instance + "/suspend?reason={text}" + andKey,
            ResumePostUri = instance + "/resume?reason={text}" + andKey,
        };
    }

    /// <summary>
    /// POST: rewind, with the reason in place of <c>{text}</c>, as Durable Functions' management payload for client
    /// bindings has it; its check-status payload has none, so neither has <see cref="CheckStatus"/>.
    /// </summary>
    public string RewindPost(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyQuery();
        return $"{request.Scheme}://{request.Host}{request.PathBase}{InstancesPath}/{Uri.EscapeDataString(instanceId)}/rewind?reason={{text}}"
            + (key is null ? string.Empty : "&" + key);
    }

    /// <summary>The request's own absolute URL, with the key added when keys are on and it came in a header.</summary>
    public string Self(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.GetEncodedUrl();
        var current = keys.CurrentValue;
        return current.IsEnabled && !request.Query.ContainsKey(ApiKeyMiddleware.QueryParameter)
            ? QueryHelpers.AddQueryString(url, ApiKeyMiddleware.QueryParameter, current.ApiKey!)
            : url;
    }

    private string? KeyQuery()
    {
        var current = keys.CurrentValue;
        return current.IsEnabled ? $"{ApiKeyMiddleware.QueryParameter}={Uri.EscapeDataString(current.ApiKey!)}" : null;
    }
}
