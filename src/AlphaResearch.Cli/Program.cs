using AlphaResearch.Cli.Infrastructure;

return await CliApp.RunAsync(args);
