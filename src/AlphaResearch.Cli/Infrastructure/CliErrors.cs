using AlphaResearch.Config;
using AlphaResearch.Publishing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The process edge: the only place exceptions are caught wholesale. Each becomes one clear line on
/// stderr plus a hint, and an exit code; the stack trace only with --verbose.
/// </summary>
public static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> run, string[] args)
    {
        bool verbose = args.Contains("--verbose");
        try
        {
            return await run();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("error: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            var (message, hint, code) = Describe(ex);
            Console.Error.WriteLine($"error: {message}");
            if (hint is not null) Console.Error.WriteLine($"hint: {hint}");
            if (verbose) Console.Error.WriteLine(Redactor.Redact(ex.ToString()));
            return code;
        }
    }

    /// <summary>The line, hint and exit code for an exception; credentials in the message are masked.</summary>
    internal static (string Message, string? Hint, int Code) Describe(Exception ex)
    {
        var (message, hint, code) = Classify(ex);
        return (Redactor.Redact(message), hint, code);
    }

    private static (string Message, string? Hint, int Code) Classify(Exception ex) => ex switch
    {
        UserFacingException u => (u.Message, u.Hint, u.ExitCode),
        ConfigException c => (c.Message, "see docs/CONFIGURATION.md", ExitCodes.BadInput),
        CommandParseException p => (p.Message, "run 'alpha-research --help' for usage", ExitCodes.BadInput),
        CommandRuntimeException r => (r.Message, "run 'alpha-research --help' for usage", ExitCodes.BadInput),
        FileNotFoundException f => (f.Message, "check the path", ExitCodes.BadInput),
        DirectoryNotFoundException d => (d.Message, "check the path", ExitCodes.BadInput),
        _ => (ex.Message, "re-run with --verbose for details", ExitCodes.Failed),
    };

    /// <summary>Writes a markup-free line to stderr (for warnings during a command).</summary>
}
