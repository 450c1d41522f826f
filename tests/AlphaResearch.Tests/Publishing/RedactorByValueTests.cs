using AlphaResearch.Publishing;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Publishing;

public sealed class RedactorByValueTests
{
    [Fact]
    public void A_configured_value_of_any_shape_is_masked_once_registered()
    {
        string secret = "corp-gw-" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal($"denied for {secret}", Redactor.Redact($"denied for {secret}"));
        Redactor.AddSecretsFrom(n => n == "ALPHA_RESEARCH_SMTP_PASSWORD" ? secret : null);
        Assert.Equal("denied for [REDACTED] (twice: [REDACTED])", Redactor.Redact($"denied for {secret} (twice: {secret})"));
    }

    [Fact]
    public void Short_values_are_not_masked_by_value_and_a_longer_secret_is_masked_whole()
    {
        Redactor.AddSecret("1234567"); // 7 characters: an ordinary number, not a credential
        Assert.Equal("port 1234567", Redactor.Redact("port 1234567"));
        string inner = "inner-" + Guid.NewGuid().ToString("N")[..8];
        Redactor.AddSecret(inner);
        Redactor.AddSecret(inner + "-outer");
        Assert.Equal("[REDACTED]!", Redactor.Redact(inner + "-outer!"));
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY", true)]
    [InlineData("MY_GATEWAY_TOKEN", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("HOME", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    public void Secret_variable_names(string name, bool secret) => Assert.Equal(secret, Redactor.IsSecretName(name));
}
