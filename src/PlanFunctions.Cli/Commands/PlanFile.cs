namespace PlanFunctions.Cli.Commands;

/// <summary>Reads a plan file for a command, turning the ways that can fail into one clear sentence.</summary>
internal static class PlanFile
{
    /// <summary>The file's bytes, or why they could not be read.</summary>
    public static async Task<(byte[] Bytes, string? Error)> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (Directory.Exists(file.FullName))
        {
            return ([], "is a directory, not a plan file");
        }

        try
        {
            return (await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ([], "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            return ([], "cannot read the file: permission denied");
        }
        catch (IOException e)
        {
            return ([], $"cannot read the file: {e.Message}");
        }
    }
}
