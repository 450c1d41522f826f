using System.Reflection;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// Turns a strict-parsing failure into an error that names the offending token and suggests the nearest valid
/// option (or command), e.g. "unknown option '--dry-runn' for 'run'" + "did you mean --dry-run?".
/// </summary>
internal static class UnknownArgumentAdvisor
{
    private sealed record OptionSpec(IReadOnlyList<string> Names, bool TakesValue);

    /// <summary>Throws the explained error when the arguments name a known command but hold a token it does not take.</summary>
    public static void Check(string[] args)
    {
        if (MatchCommand(args).Command is not null && Explain(args) is { } error) throw error;
    }

    public static UserFacingException? Explain(string[] args)
    {
        var (command, rest) = MatchCommand(args);
        if (command is null) return ExplainUnknownCommand(args);
        var options = OptionsOf(command.Value.Settings);
        var names = options.SelectMany(o => o.Names).Append("--help").ToArray();
        string usage = $"run 'alpha-research {command.Value.Path} --help' for its options";
        for (int i = 0; i < rest.Length; i++)
        {
            string token = rest[i];
            if (token == "--") break;
            if (token.StartsWith('-') && token.Length > 1 && !IsNumber(token))
            {
                string name = token.Split('=', 2)[0];
                if (name is "-h" or "--help" or "-?") continue;
                var spec = options.FirstOrDefault(o => o.Names.Contains(name, StringComparer.OrdinalIgnoreCase));
                if (spec is null)
                {
                    string? nearest = Levenshtein.Nearest(name, names);
                    return new UserFacingException($"unknown option '{token}' for '{command.Value.Path}'",
                        nearest is null ? usage : $"did you mean {nearest}? ({usage})");
                }
                if (spec.TakesValue && !token.Contains('='))
                {
                    if (i + 1 >= rest.Length || (rest[i + 1].StartsWith("--", StringComparison.Ordinal) && rest[i + 1].Length > 2))
                        return new UserFacingException($"option {name} needs a value", usage);
                    i++; // its value
                }
                continue;
            }
            string? nearOption = Levenshtein.Nearest("--" + token, names);
            return new UserFacingException($"unexpected argument '{token}' for '{command.Value.Path}' (it takes options only)",
                nearOption is null ? usage : $"did you mean {nearOption}? ({usage})");
        }
        return null;
    }

    /// <summary>The longest command path the arguments start with, and the arguments after it.</summary>
    private static ((string Path, Type Settings)? Command, string[] After) MatchCommand(string[] args)
    {
        foreach (var c in CliApp.Commands.OrderByDescending(c => c.Path.Count(ch => ch == ' ')))
        {
            var words = c.Path.Split(' ');
            if (args.Length >= words.Length && words.Select((w, i) => string.Equals(w, args[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
                return (c, args[words.Length..]);
        }
        return (null, args);
    }

    private static UserFacingException? ExplainUnknownCommand(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        if (words.Length == 0) return null;
        var paths = CliApp.Commands.Select(c => c.Path).ToArray();
        var roots = paths.Select(p => p.Split(' ')[0]).Distinct().ToArray();
        if (words.Length == 1 && roots.Contains(words[0], StringComparer.OrdinalIgnoreCase)) return null; // a branch without its command: Spectre says so
        string attempt = roots.Contains(words[0], StringComparer.OrdinalIgnoreCase) ? string.Join(' ', words.Take(2)) : words[0];
        string? nearest = Levenshtein.Nearest(attempt, roots.Contains(words[0], StringComparer.OrdinalIgnoreCase) ? paths : roots);
        return new UserFacingException($"unknown command '{attempt}'",
            nearest is null ? "run 'alpha-research --help' for the commands" : $"did you mean '{nearest}'? (run 'alpha-research --help' for the commands)");
    }

    private static IReadOnlyList<OptionSpec> OptionsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new OptionSpec(
                [.. x.Attribute!.LongNames.Select(n => "--" + n), .. x.Attribute.ShortNames.Select(n => "-" + n)],
                x.Property.PropertyType != typeof(bool) && x.Property.PropertyType != typeof(bool?)))
            .ToArray();

    /// <summary>All valid option names of a command (for tests and help).</summary>
    public static IReadOnlyList<string> OptionNames(Type settings) => OptionsOf(settings).SelectMany(o => o.Names).ToArray();

    private static bool IsNumber(string token) => double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
