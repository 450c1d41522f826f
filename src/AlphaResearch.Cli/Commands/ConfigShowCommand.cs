using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>`alpha-research config` — prints the effective configuration (defaults merged with the file) as JSON.</summary>
public sealed class ConfigShowCommand(CliOutput io) : Command<GlobalSettings>
{
    private readonly CliOutput _io = io;

    public override int Execute(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        _io.Out.WriteLine(JsonConventions.Serialize(config, indented: true));
        return ExitCodes.Ok;
    }
}
