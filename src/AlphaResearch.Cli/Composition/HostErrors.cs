using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Hosting;

namespace AlphaResearch.Cli.Composition;

/// <summary>Turns the library's <see cref="RunSetupException"/> into the CLI's <see cref="UserFacingException"/>.</summary>
internal static class HostErrors
{
    public static UserFacingException ToUser(RunSetupException e) =>
        new(e.Message, e.Hint, e.IsInputError ? ExitCodes.BadInput : ExitCodes.Failed);

    public static T Translate<T>(Func<T> action)
    {
        try { return action(); }
        catch (RunSetupException e) { throw ToUser(e); }
    }

    public static async Task<T> TranslateAsync<T>(Func<Task<T>> action)
    {
        try { return await action(); }
        catch (RunSetupException e) { throw ToUser(e); }
    }
}
