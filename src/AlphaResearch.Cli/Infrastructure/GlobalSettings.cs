using System.ComponentModel;
using AlphaResearch.Config;
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

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override one configuration key, e.g. --set llm.fast_model=claude-haiku-4-5 (repeatable; wins over the file and ALPHA_RESEARCH__* variables).")]
    public string[]? Set { get; init; }

    /// <summary>The configuration this command runs with: the file, then ALPHA_RESEARCH__* variables, then --set.</summary>
    public AlphaResearchConfig LoadConfig() => ConfigLoader.Load(ConfigPath, environment: null, commandLine: Set);
}
