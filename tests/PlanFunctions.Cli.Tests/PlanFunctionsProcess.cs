using System.Diagnostics;
using System.Text;

namespace PlanFunctions.Cli.Tests;

/// <summary>The built <c>planfunctions</c> executable running as a process, the way a user runs it, with its output captured.</summary>
public sealed class PlanFunctionsProcess : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PlanFunctionsProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts <c>dotnet planfunctions.dll ARGS</c> with standard output and error redirected.</summary>
    public static PlanFunctionsProcess Start(params string[] args) => StartIn(null, new Dictionary<string, string>(), args);

    /// <summary>
    /// Starts <c>dotnet planfunctions.dll ARGS</c> in <paramref name="workingDirectory"/> (this process's when
    /// <see langword="null"/>) with <paramref name="environment"/> added to this process's environment.
    /// </summary>
    public static PlanFunctionsProcess StartIn(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "planfunctions.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var running = new PlanFunctionsProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(running._output, running._outputClosed, e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(running._error, running._errorClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs the executable to its end.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await process.WaitForExitAsync();
    }

    /// <summary>Runs the executable to its end in <paramref name="workingDirectory"/> with <paramref name="environment"/> added.</summary>
    public static async Task<CliRun> RunInAsync(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = StartIn(workingDirectory, environment, args);
        return await process.WaitForExitAsync();
    }

    /// <summary>What it has written to standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Waits until standard error holds <paramref name="text"/>, failing the test at the deadline or if the process ends first.</summary>
    public Task WaitForErrorAsync(string text) =>
        Eventually.TrueAsync(
            () =>
            {
                Assert.False(_process.HasExited && !Error.Contains(text, StringComparison.Ordinal), $"the process ended before writing '{text}' to stderr; it wrote: {Error}");
                return Error.Contains(text, StringComparison.Ordinal);
            },
            Deadline,
            () => $"the process did not write '{text}' to stderr; it wrote: {Error}");

    /// <summary>Sends SIGINT, as Ctrl+C does: Process has no API for signals, so through /bin/kill.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("/bin/kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>What it has written to standard output so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the process as <c>kill -9</c> does (SIGKILL: no handler runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(Deadline);
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>Waits for the process to end (killing it at the deadline) and returns what it printed.</summary>
    public Task<CliRun> WaitForExitAsync() => WaitForExitAsync(Deadline);

    /// <summary>Waits for the process to end, killing it after <paramref name="limit"/>, and returns what it printed.</summary>
    public async Task<CliRun> WaitForExitAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"planfunctions did not end within {limit}; stderr: {Error}");
        }

        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        return new CliRun(_process.ExitCode, output, Error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder text, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
