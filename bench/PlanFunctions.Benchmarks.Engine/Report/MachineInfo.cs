using System.Runtime.InteropServices;

namespace PlanFunctions.Benchmarks.Engine.Report;

/// <summary>What the numbers were measured on.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string? LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    /// <summary>The 1-minute load average, where the system tells it (Linux).</summary>
    public static string? LoadAverageNow()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
