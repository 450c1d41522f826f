using System.Collections;
using Microsoft.Extensions.Configuration;

namespace AlphaResearch.Config;

/// <summary>
/// The configuration sources of a run, lowest precedence first: the JSON file (--config, else ./alpha-research.json
/// when present), then environment variables ALPHA_RESEARCH__&lt;SECTION&gt;__&lt;KEY&gt; ("__" separates levels), then
/// command-line options (key=value, "." or ":" between levels). Bind the result with <see cref="ConfigBinder"/>.
/// </summary>
public static class ConfigSources
{
    public const string EnvironmentPrefix = "ALPHA_RESEARCH__";

    /// <param name="path">--config; null = ./alpha-research.json when present, else none.</param>
    /// <param name="environment">The environment variables; null = this process's.</param>
    /// <param name="commandLine">Overrides such as "llm.provider=stub"; later ones win.</param>
    public static IConfigurationRoot Build(string? path, IDictionary? environment = null, IEnumerable<string>? commandLine = null)
    {
        var builder = new ConfigurationBuilder();
        if (FilePath(path) is { } file)
        {
            ConfigLoader.Parse(File.ReadAllText(file), path ?? file); // strict first: file, line and key in the error
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
        builder.Add(new NamedValuesConfigurationSource("environment variable", EnvironmentValues(environment ?? Environment.GetEnvironmentVariables())));
        builder.Add(new NamedValuesConfigurationSource("command-line option", CommandLineValues(commandLine ?? [])));
        return builder.Build();
    }

    private static string? FilePath(string? path)
    {
        if (path is null)
        {
            var local = Path.Combine(Directory.GetCurrentDirectory(), ConfigLoader.DefaultFileName);
            return File.Exists(local) ? local : null;
        }
        if (!File.Exists(path))
            throw new ConfigException($"config file '{path}' not found — check the --config path (or omit it to use the defaults)");
        return path;
    }

    /// <summary>ALPHA_RESEARCH__LLM__PROVIDER → llm:provider. The single-underscore specials
    /// (ALPHA_RESEARCH_RUN_BUDGET_USD) are not configuration keys and are left to the gateway.</summary>
    private static List<(string, string, string?)> EnvironmentValues(IDictionary environment)
    {
        var values = new List<(string, string, string?)>();
        foreach (DictionaryEntry e in environment)
        {
            if (e.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var key = name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            if (key.Length == 0) continue;
            values.Add((key, name, e.Value as string));
        }
        return values.OrderBy(v => v.Item2, StringComparer.Ordinal).ToList();
    }

    private static List<(string, string, string?)> CommandLineValues(IEnumerable<string> overrides)
    {
        var values = new List<(string, string, string?)>();
        foreach (var entry in overrides)
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new ConfigException($"command-line option '{entry}': expected key=value such as llm.provider=stub — fix that option (docs/CONFIGURATION.md lists every key)");
            var name = entry[..eq].Trim();
            values.Add((name.Replace('.', ':'), name, entry[(eq + 1)..]));
        }
        return values;
    }
}
