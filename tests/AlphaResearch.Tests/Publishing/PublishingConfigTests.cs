using AlphaResearch.Config;

namespace AlphaResearch.Tests.Publishing;

public sealed class PublishingConfigTests
{
    [Fact]
    public void Defaults_MatchDocumentedValues()
    {
        var c = new AlphaResearchConfig().Publishing;
        Assert.Equal("sector_teams", c.ArchitectureVersion);
        Assert.Equal(7, c.Brief.MaxNotableDevelopments);
        Assert.Equal(70, c.Brief.HighConvictionThreshold);
        Assert.False(c.Email.Enabled);
        Assert.Equal(587, c.Email.SmtpPort);
        Assert.Equal("ALPHA_RESEARCH_SMTP_PASSWORD", c.Email.PasswordEnv);
    }

    [Fact]
    public void Parse_SnakeCaseKeys_FillPublishingSection()
    {
        var c = ConfigLoader.Parse("""
            {"publishing": {"brief": {"max_notable_developments": 5},
              "email": {"enabled": true, "smtp_host": "smtp.example.com", "smtp_port": 2525, "from": "a@example.com", "to": ["b@example.com"], "password_env": "MY_SMTP_PW"}}}
            """, "test.json").Publishing;
        Assert.Equal(5, c.Brief.MaxNotableDevelopments);
        Assert.Equal("smtp.example.com", c.Email.SmtpHost);
        Assert.Equal(2525, c.Email.SmtpPort);
        Assert.Equal(["b@example.com"], c.Email.To);
        Assert.Equal("MY_SMTP_PW", c.Email.PasswordEnv);
    }

    [Fact]
    public void Parse_PasswordKey_IsRejectedAsUnknown()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{"publishing": {"email": {"password": "hunter2"}}}""", "test.json"));
        Assert.Contains("publishing.email.password", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
    }
}
