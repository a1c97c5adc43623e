using System.Buffers;

namespace PlanFunctions.Client.Api;

/// <summary>Reads a request body up to a limit, whether or not the client said its length.</summary>
public static class LimitedBody
{
    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="limit"/> bytes.</summary>
    /// <param name="body">The request's body.</param>
    /// <param name="declaredLength">The request's <c>Content-Length</c>, when it has one.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="cancellationToken">Stops the read when the request is aborted.</param>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(declaredLength ?? 4096, limit) + 1);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(8192), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
