using Spectre.Console;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Where a command writes: machine output (stdout), log and progress lines (stderr), and tables (the console).</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err, IAnsiConsole Console)
{
    /// <summary>The process's own streams and terminal.</summary>
    public static CliOutput Process() => new(System.Console.Out, System.Console.Error, AnsiConsole.Console);
}
