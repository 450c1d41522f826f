using System.ComponentModel;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Options every command takes.</summary>
public class GlobalSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print machine-readable JSON instead of tables.")]
    public bool Json { get; init; }

    [CommandOption("--verbose")]
    [Description("Show stack traces and debug logs.")]
    public bool Verbose { get; init; }

    [CommandOption("--log-format <FORMAT>")]
    [Description("Log and progress lines on stderr: text (default) or json (one JSON object per line).")]
    public string? LogFormat { get; init; }

    [CommandOption("--config <PATH>")]
    [Description("Configuration file (default: ./alpha-research.json when present, else built-in defaults).")]
    public string? ConfigPath { get; init; }
}
