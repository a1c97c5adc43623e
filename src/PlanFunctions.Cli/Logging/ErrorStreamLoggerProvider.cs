using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PlanFunctions.Cli.Logging;

/// <summary>
/// Writes the embedded engine's log messages to standard error, one line each and never a stack trace, so that
/// standard output carries only what the command prints. While held (a live view owns the terminal) lines are
/// kept and written when released.
/// </summary>
internal sealed class ErrorStreamLoggerProvider(TextWriter error) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _held = new();
    private readonly Lock _gate = new();
    private bool _holding;

    public ILogger CreateLogger(string categoryName) => new ErrorStreamLogger(this);

    /// <summary>Keeps lines back until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Writes the lines kept back, and every later line at once.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _holding = false;
            while (_held.TryDequeue(out var line))
            {
                error.WriteLine(line);
            }

            error.Flush();
        }
    }

    public void Dispose() => Release();

    private void Write(string line)
    {
        lock (_gate)
        {
            if (_holding)
            {
                _held.Enqueue(line);
                return;
            }

            error.WriteLine(line);
            error.Flush();
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Critical => "critical",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };

    private sealed class ErrorStreamLogger(ErrorStreamLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            if (exception is not null)
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            }

            provider.Write($"planfunctions: {LevelName(logLevel)}: {message}");
        }
    }
}
