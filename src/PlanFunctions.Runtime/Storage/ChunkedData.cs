using Azure.Data.Tables;

namespace PlanFunctions.Runtime.Storage;

/// <summary>
/// Bytes kept in one entity split over binary properties of at most 64 KiB (<c>Data0</c>, <c>Data1</c>, ...), with
/// their total length and the number of chunks so a reader can tell a damaged entity from a complete one.
/// </summary>
internal static class ChunkedData
{
    /// <summary>The most bytes one binary property holds.</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>The property with the total length in bytes.</summary>
    public const string LengthProperty = "DataLength";

    /// <summary>The property with the number of chunks.</summary>
    public const string ChunksProperty = "DataChunks";

    private const string ChunkPropertyPrefix = "Data";

    /// <summary>Stores <paramref name="data"/> in <paramref name="entity"/>.</summary>
    public static void Write(TableEntity entity, ReadOnlySpan<byte> data)
    {
        var chunks = ChunkCount(data.Length);
        entity[LengthProperty] = data.Length;
        entity[ChunksProperty] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * MaxPropertyBytes;
            entity[ChunkPropertyPrefix + i] = data.Slice(start, Math.Min(MaxPropertyBytes, data.Length - start)).ToArray();
        }
    }

    /// <summary>The bytes the properties <see cref="Write"/> adds take, as <see cref="TableEntitySize"/> counts them.</summary>
    public static long Size(int dataLength)
    {
        var chunks = ChunkCount(dataLength);
        var size = TableEntitySize.Property(LengthProperty, 4) + TableEntitySize.Property(ChunksProperty, 4);
        for (var i = 0; i < chunks; i++)
        {
            size += TableEntitySize.Property(ChunkPropertyPrefix + i, 4);
        }

        return size + dataLength;
    }

    /// <summary>Reads back what <see cref="Write"/> stored.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="damaged">Makes the exception for a damaged entity from what is wrong with it.</param>
    public static byte[] Read(TableEntity entity, Func<string, Exception> damaged)
    {
        var length = entity.GetInt32(LengthProperty);
        var chunks = entity.GetInt32(ChunksProperty);
        if (length is null or < 0 || chunks is null or < 0)
        {
            throw damaged($"{LengthProperty} or {ChunksProperty} is missing");
        }

        var data = new byte[length.Value];
        var offset = 0;
        for (var i = 0; i < chunks.Value; i++)
        {
            var chunk = entity.GetBinary(ChunkPropertyPrefix + i)
                ?? throw damaged($"property {ChunkPropertyPrefix}{i} of {chunks} is missing");
            if (offset + chunk.Length > data.Length)
            {
                throw damaged($"the chunks hold more than the {length} bytes recorded");
            }

            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }

        return offset == data.Length ? data : throw damaged($"the chunks hold {offset} of the {length} bytes recorded");
    }

    private static int ChunkCount(int length) => (length + MaxPropertyBytes - 1) / MaxPropertyBytes;
}
