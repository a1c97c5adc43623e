using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.Http;

/// <summary>
/// The <c>http</c> tool: sends <c>method</c> (default GET) to <c>url</c> with <c>headers</c> and <c>body</c> (JSON, or
/// text when a string) and returns <c>{ "status", "headers", "body" }</c>, the body parsed when its content type is
/// JSON and text otherwise.
/// </summary>
/// <remarks>
/// HTTP 408, 429 and 5xx, network faults and the request's own timeout (<c>timeoutSeconds</c>, else
/// <see cref="HttpToolOptions.DefaultTimeoutSeconds"/>) are retryable failures; other 4xx and a body larger than
/// <see cref="HttpToolOptions.MaxResponseBytes"/> are not. Messages and logs show the URL without its query string and
/// never a header value, since either may carry a secret. Redirects are followed up to
/// <see cref="HttpToolOptions.MaxRedirects"/>, each target checked against the network rules, and any final status
/// below 400 is a success; headers other than Accept, Accept-Language, User-Agent and the body's content headers are
/// not sent on to another origin. A request the network rules refuse (a denied host or network, or a link-local or
/// cloud metadata address, which are always denied) fails, not retryable, naming the host and the rule. Cookies are
/// neither kept nor sent, so one run's session never leaks into another's.
/// </remarks>
public sealed class HttpTool(
    IHttpClientFactory httpClientFactory,
    IOptions<HttpToolOptions> options,
    TimeProvider timeProvider,
    ILogger<HttpTool> logger) : IPlanTool
{
    /// <summary>The name of the <see cref="HttpClient"/> the tool asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "PlanFunctions.Tools.Http";

    private const int ReadChunkBytes = 16 * 1024;

    private readonly HttpNetworkRules _rules = new(options.Value);

    /// <inheritdoc />
    public string Name => BuiltInToolNames.Http;

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters)
    {
        var reader = new ParameterReader(parameters, acceptTemplates: true);
        HttpRequestParameters.Read(reader);
        return reader.Problems;
    }

    /// <inheritdoc />
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var reader = new ParameterReader(invocation.Parameters, acceptTemplates: false);
        var parameters = HttpRequestParameters.Read(reader);
        if (reader.HasProblems || parameters.Url is null)
        {
            return ToolResult.Failure(reader.Summary(Name), retryable: false);
        }

        var settings = options.Value;
        var request = new RequestScope(parameters, invocation, logger);
        if (_rules.CheckHost(parameters.Url.Host) is { } refused)
        {
            return request.Fail($"{request.Method} {request.Url} is refused: {refused}", retryable: false);
        }

        var timeout = TimeSpan.FromSeconds(parameters.TimeoutSeconds ?? settings.DefaultTimeoutSeconds);
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        var hop = new RedirectHop(parameters.Method, parameters.Url, parameters.Body, parameters.Headers);
        var started = timeProvider.GetTimestamp();
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            for (var redirects = 0; ; redirects++)
            {
                using var message = CreateRequest(hop, out var headerProblem);
                if (headerProblem is not null)
                {
                    return ToolResult.Failure(headerProblem, retryable: false);
                }

                HttpToolLog.Sending(logger, hop.Method, Show(hop.Url), invocation.InstanceId, invocation.StepId, invocation.Attempt);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                HttpToolLog.Answered(
                    logger, hop.Method, Show(hop.Url), status, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
                    invocation.InstanceId, invocation.StepId, invocation.Attempt);

                if (RedirectTarget(hop.Url, status, response) is { } target)
                {
                    if (CheckRedirect(hop.Url, target, redirects, settings.MaxRedirects) is { } problem)
                    {
                        return request.Fail($"{request.Method} {request.Url} was redirected to {Show(target)}, which is not followed: {problem}", retryable: false);
                    }

                    hop = hop.RedirectTo(target, status);
                    continue;
                }

                if (status >= 400)
                {
                    var retryable = status is 408 or 429 or >= 500;
                    var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : $" ({response.ReasonPhrase})";
                    return request.Fail($"HTTP {status}{reason} from {request.Method} {request.Url}{RedirectedTo(hop)}", retryable);
                }

                var body = await ReadBodyAsync(response.Content, settings.MaxResponseBytes, linked.Token).ConfigureAwait(false);
                if (body.TooLargeBytes is { } size)
                {
                    return request.Fail(
                        $"the response body from {request.Method} {request.Url}{RedirectedTo(hop)} is {size}, larger than the limit of {settings.MaxResponseBytes:N0} bytes "
                        + $"({HttpToolOptions.SectionName}:{nameof(HttpToolOptions.MaxResponseBytes)})",
                        retryable: false);
                }

                return ToolResult.Success(WriteOutput(response, body.Value));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return request.Fail($"{request.Method} {request.Url} timed out after {timeout.TotalSeconds:0.###} seconds", retryable: true);
        }
        catch (HttpRequestException exception) when (RuleBroken(exception) is { } rule)
        {
            // A connection the network rules refuse; trying again would be refused again.
            return request.Fail($"{request.Method} {request.Url}{RedirectedTo(hop)} is refused: {rule}", retryable: false);
        }
        catch (HttpRequestException exception)
        {
            return request.Fail($"{request.Method} {request.Url}{RedirectedTo(hop)} failed: {Describe(exception)}", retryable: true);
        }
        catch (IOException exception)
        {
            return request.Fail($"{request.Method} {request.Url} failed while reading the response: {exception.Message}", retryable: true);
        }

        string RedirectedTo(RedirectHop current) =>
            current.Url == parameters.Url ? string.Empty : $" (redirected to {Show(current.Url)})";
    }

    /// <summary>The URL without user info or query string, either of which may hold a secret.</summary>
    internal static string Show(Uri url) =>
        $"{url.Scheme}://{url.Authority}{url.AbsolutePath}{(url.Query.Length > 1 ? "?…" : string.Empty)}";

    /// <summary>Where a redirect response points, or <see langword="null"/> when it is not one to follow.</summary>
    private static Uri? RedirectTarget(Uri current, int status, HttpResponseMessage response) =>
        status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(current, location))
            : null;

    /// <summary>Why a redirect may not be followed, or <see langword="null"/>.</summary>
    private string? CheckRedirect(Uri from, Uri target, int redirectsSoFar, int maxRedirects)
    {
        if (redirectsSoFar >= maxRedirects)
        {
            return $"more than {maxRedirects} redirects ({HttpToolOptions.SectionName}:{nameof(HttpToolOptions.MaxRedirects)})";
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return $"only http and https URLs are followed, not {target.Scheme}";
        }

        if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            return "a redirect from https to http would send the request unencrypted";
        }

        return _rules.CheckHost(target.Host);
    }

    /// <summary>The network rule a failed request broke, when that is why it failed.</summary>
    private static string? RuleBroken(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpNetworkRuleException rule)
            {
                return rule.Message;
            }
        }

        return null;
    }

    private static HttpRequestMessage CreateRequest(RedirectHop hop, out string? headerProblem)
    {
        headerProblem = null;
        var message = new HttpRequestMessage(new HttpMethod(hop.Method), hop.Url);
        if (hop.Body is { } body)
        {
            message.Content = body.ValueKind == JsonValueKind.String
                ? new StringContent(body.GetString()!, Encoding.UTF8, "text/plain")
                : new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
                };
        }

        foreach (var (name, value) in hop.Headers)
        {
            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content-Type and the like belong to the body, and override what the body chose.
            if (message.Content is null)
            {
                headerProblem = $"the header '{name}' describes a body, but the request has none";
                break;
            }

            message.Content.Headers.Remove(name);
            if (!message.Content.Headers.TryAddWithoutValidation(name, value))
            {
                headerProblem = $"the header '{name}' cannot be set on a request";
                break;
            }
        }

        return message;
    }

    private static async Task<ResponseBody> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            return ResponseBody.TooLarge($"{declared:N0} bytes");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var bytes = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (bytes.Length + read > maxBytes)
                    {
                        return ResponseBody.TooLarge($"more than {maxBytes:N0} bytes");
                    }

                    bytes.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return new ResponseBody(Decode(content.Headers.ContentType, bytes.GetBuffer().AsSpan(0, (int)bytes.Length)), null);
        }
    }

    /// <summary>A JSON body as JSON; any other as text; an empty one as null.</summary>
    private static JsonElement Decode(MediaTypeHeaderValue? contentType, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return JsonSerializer.SerializeToElement<object?>(null);
        }

        var text = DecodeText(contentType?.CharSet, bytes);
        if (IsJson(contentType?.MediaType))
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Labelled JSON but is not: kept as text.
            }
        }

        return JsonSerializer.SerializeToElement(text);
    }

    private static string DecodeText(string? charset, ReadOnlySpan<byte> bytes)
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is the best guess.
            }
        }

        var preamble = encoding.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        return encoding.GetString(bytes);
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static JsonElement WriteOutput(HttpResponseMessage response, JsonElement body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", (int)response.StatusCode);
            writer.WriteStartObject("headers");
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                writer.WriteString(name, string.Join(", ", values));
            }

            writer.WriteEndObject();
            writer.WritePropertyName("body");
            body.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The exception's message and those of its causes (the socket error says most).</summary>
    private static string Describe(HttpRequestException exception)
    {
        var parts = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (!parts.Contains(current.Message, StringComparer.Ordinal))
            {
                parts.Add(current.Message);
            }
        }

        return string.Join(": ", parts);
    }

    /// <summary>A body read within the limit, or the size that broke it.</summary>
    private readonly record struct ResponseBody(JsonElement Value, string? TooLargeBytes)
    {
        public static ResponseBody TooLarge(string size) => new(default, size);
    }

    /// <summary>What messages and logs may say of one request, and how a failure is reported.</summary>
    private sealed class RequestScope(HttpRequestParameters parameters, ToolInvocation invocation, ILogger logger)
    {
        public string Method { get; } = parameters.Method;

        /// <summary>The URL without user info or query string, either of which may hold a secret.</summary>
        public string Url { get; } = Show(parameters.Url!);

        public ToolResult Fail(string message, bool retryable)
        {
            var redacted = Redact(message);
            HttpToolLog.Failed(logger, Method, Url, redacted, invocation.InstanceId, invocation.StepId, invocation.Attempt);
            return ToolResult.Failure(redacted, retryable);
        }

        /// <summary>Removes any header value that found its way into a message (an exception's text, say).</summary>
        private string Redact(string message)
        {
            foreach (var (_, value) in parameters.Headers)
            {
                if (value.Length >= 4)
                {
                    message = message.Replace(value, "***", StringComparison.Ordinal);
                }
            }

            return message;
        }
    }
}
