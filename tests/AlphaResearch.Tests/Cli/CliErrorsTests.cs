using AlphaResearch.Cli.Infrastructure;

namespace AlphaResearch.Tests.Cli;

/// <summary>The process edge turns any exception into one line + hint + exit code, and never prints a credential.</summary>
public sealed class CliErrorsTests
{
    [Fact]
    public void An_unexpected_error_is_one_line_with_the_verbose_hint_and_exit_one()
    {
        var (message, hint, code) = CliErrors.Describe(new InvalidOperationException("the store said no"));
        Assert.Equal("the store said no", message);
        Assert.Equal("re-run with --verbose for details", hint);
        Assert.Equal(ExitCodes.Failed, code);
    }

    [Fact]
    public void A_credential_in_an_error_message_is_redacted()
    {
        var (message, _, _) = CliErrors.Describe(new HttpRequestException("401 from proxy: x-api-key: sk-ant-api03-AbCdEfGhIjKlMnOp"));
        Assert.Equal("401 from proxy: x-api-key: [REDACTED]", message);

        var (userMessage, _, _) = CliErrors.Describe(new UserFacingException("bad key sk-ant-api03-AbCdEfGhIjKlMnOp", "hint"));
        Assert.Equal("bad key [REDACTED]", userMessage);
    }
}
