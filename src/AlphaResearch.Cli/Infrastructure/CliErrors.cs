using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Config;
using AlphaResearch.Hosting;
using AlphaResearch.Publishing;
using Spectre.Console.Cli;
using AlphaResearch.Archive;
using AlphaResearch.Llm;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The process edge: the only place exceptions are caught wholesale. Each becomes one clear line on stderr plus a
/// hint (with --json: one JSON object on stdout with status, error, hint and exit_code), and an exit code; the
/// stack trace only with --verbose. Credentials are masked in all of it.
/// </summary>
public static class CliErrors
{
    public static Task<int> RunAsync(Func<Task<int>> run, string[] args) => RunAsync(run, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(Func<Task<int>> run, string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool verbose = args.Contains("--verbose");
        bool json = args.Contains("--json");
        bool jsonLines = !json && LogFormatIsJson(args);
        try
        {
            return await run();
        }
        catch (OperationCanceledException)
        {
            Report(stdout, stderr, json, jsonLines, "cancelled", null, ExitCodes.Cancelled);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            var (message, hint, code) = Describe(ex, args);
            Report(stdout, stderr, json, jsonLines, message, hint, code);
            if (verbose) stderr.WriteLine(Redactor.Redact(ex.ToString()));
            return code;
        }
    }

    private static void Report(TextWriter stdout, TextWriter stderr, bool json, bool jsonLines, string message, string? hint, int code)
    {
        var error = new JsonObject { ["status"] = "ERROR", ["error"] = message, ["hint"] = hint, ["exit_code"] = code };
        if (json)
        {
            stdout.WriteLine(error.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return;
        }
        if (jsonLines)
        {
            error["level"] = "error";
            error["event"] = "error";
            stderr.WriteLine(error.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return;
        }
        stderr.WriteLine($"error: {message}");
        if (hint is not null) stderr.WriteLine($"hint: {hint}");
    }

    private static bool LogFormatIsJson(string[] args) =>
        args.Select((a, i) => a.Equals("--log-format=json", StringComparison.OrdinalIgnoreCase)
                              || (a == "--log-format" && i + 1 < args.Length && args[i + 1].Equals("json", StringComparison.OrdinalIgnoreCase))).Any(x => x);

    /// <summary>The line, hint and exit code for an exception; credentials in the message are masked.</summary>
    internal static (string Message, string? Hint, int Code) Describe(Exception ex, string[]? args = null)
    {
        var (message, hint, code) = Classify(ex, args ?? []);
        return (Redactor.Redact(message), hint is null ? null : Redactor.Redact(hint), code);
    }

    private static (string Message, string? Hint, int Code) Classify(Exception ex, string[] args) => ex switch
    {
        UserFacingException u => (u.Message, u.Hint, u.ExitCode),
        RunSetupException s => (s.Message, s.Hint, s.IsInputError ? ExitCodes.BadInput : ExitCodes.Failed),
        ConfigException c => (c.Message, "see docs/CONFIGURATION.md", ExitCodes.BadInput),
        LlmConfigException c => (c.Message, "see docs/CONFIGURATION.md", ExitCodes.BadInput),
        CommandParseException or CommandRuntimeException when UnknownArgumentAdvisor.Explain(args) is { } u => (u.Message, u.Hint, ExitCodes.BadInput),
        CommandParseException p => (p.Message, "run 'alpha-research --help' for usage", ExitCodes.BadInput),
        CommandRuntimeException r => (r.Message, "run 'alpha-research --help' for usage", ExitCodes.BadInput),
        FileNotFoundException f => (f.Message, "check the path", ExitCodes.BadInput),
        DirectoryNotFoundException d => (d.Message, "check the path", ExitCodes.BadInput),
        _ => (ex.Message, "re-run with --verbose for details", ExitCodes.Failed),
    };
}
