using System.Net;
using System.Net.Sockets;
using AlphaResearch.Publishing;

namespace AlphaResearch.Tests.Publishing;

public sealed class BriefMailerTests
{
    private static EmailOptions Options(int port = 587) => new()
    {
        Enabled = true, SmtpHost = "127.0.0.1", SmtpPort = port, UseStartTls = false, From = "research@example.com",
        To = ["pm@example.com", "risk@example.com"], TimeoutSeconds = 5,
    };

    [Fact]
    public void BuildMessage_HasSubjectRecipientsAndBothBodies()
    {
        var mailer = new BriefMailer(Options(), _ => null);
        var m = mailer.BuildMessage("2025-01-10", "# Brief", "<html><body>Brief</body></html>");
        Assert.Equal("Alpha Research Brief — 2025-01-10", m.Subject);
        Assert.Equal("research@example.com", m.From.Mailboxes.Single().Address);
        Assert.Equal(["pm@example.com", "risk@example.com"], m.To.Mailboxes.Select(a => a.Address).ToArray());
        Assert.Equal("# Brief", m.TextBody!.TrimEnd());
        Assert.Equal("<html><body>Brief</body></html>", m.HtmlBody!.TrimEnd());
    }

    [Fact]
    public async Task Send_Disabled_IsNotAttempted()
    {
        var r = await new BriefMailer(new EmailOptions(), _ => null).SendAsync("2025-01-10", "", "", TestContext.Current.CancellationToken);
        Assert.Equal(EmailResult.NotConfigured, r);
    }

    [Fact]
    public async Task Send_MissingSettings_ReportsKeys()
    {
        var r = await new BriefMailer(new EmailOptions { Enabled = true }, _ => null).SendAsync("2025-01-10", "", "", TestContext.Current.CancellationToken);
        Assert.Equal(new EmailResult(true, false, "e-mail not sent: set publishing.email.smtp_host, publishing.email.from, publishing.email.to"), r);
    }

    [Fact]
    public async Task Send_UnreachableServer_ReturnsFailureInsteadOfThrowing()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); }
        var r = await new BriefMailer(Options(port), _ => null).SendAsync("2025-01-10", "# b", "<p>b</p>", TestContext.Current.CancellationToken);
        Assert.True(r.Attempted);
        Assert.False(r.Sent);
        Assert.StartsWith($"e-mail to 127.0.0.1:{port} failed: ", r.Error);
    }

    [Fact]
    public async Task Send_ToSmtpServer_DeliversEnvelopeAndBothBodies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeSmtpServer(ct);
        var r = await new BriefMailer(Options(server.Port), _ => null).SendAsync("2025-01-10", "# Brief md", "<p>Brief html</p>", ct);
        Assert.Equal(new EmailResult(true, true, null), r);
        Assert.Contains("MAIL FROM:<research@example.com>", server.Commands);
        Assert.Contains("RCPT TO:<pm@example.com>", server.Commands);
        Assert.Contains("RCPT TO:<risk@example.com>", server.Commands);
        Assert.Contains("Content-Type: text/plain", server.Data);
        Assert.Contains("Content-Type: text/html", server.Data);
        Assert.Contains("<p>Brief html</p>", server.Data);
    }
}
