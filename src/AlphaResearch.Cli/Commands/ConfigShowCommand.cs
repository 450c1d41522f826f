using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>`alpha-research config` — prints the effective configuration (defaults merged with the file) as JSON.</summary>
public sealed class ConfigShowCommand : Command<GlobalSettings>
{
    public override int Execute(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(settings.ConfigPath);
        Console.Out.WriteLine(JsonConventions.Serialize(config, indented: true));
        return ExitCodes.Ok;
    }
}
