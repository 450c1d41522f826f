using System.Net;
using System.Net.Sockets;
using AlphaResearch.Hosting;
using AlphaResearch.Publishing;
using Microsoft.Extensions.Time.Testing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

/// <summary>E-mail goes out after the commit point; a failed send is reported and never undoes the publication.</summary>
public sealed class EmailingPublisherTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly InMemoryObjectStore _store = new();
    public void Dispose() => _dir.Dispose();

    private EmailingPublisher Create(int port)
    {
        var email = new EmailOptions
        {
            Enabled = true, SmtpHost = "127.0.0.1", SmtpPort = port, UseStartTls = false, From = "research@example.com",
            To = ["pm@example.com"], TimeoutSeconds = 5,
        };
        var publisher = new Publisher(_store, _dir.File("research.db"), new PublishingConfig { Email = email },
            new FakeTimeProvider(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero)), getEnvironmentVariable: _ => null);
        return new EmailingPublisher(publisher, email.To);
    }

    [Fact]
    public async Task Sends_the_brief_after_publishing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new FakeSmtpServer(ct);
        var publisher = Create(server.Port);
        var o = Outcome();

        var written = await publisher.CommitAsync(o, publisher.Prepare(o), ct);

        Assert.Equal("email: brief sent to pm@example.com", written[^1]);
        Assert.True(await _store.ExistsAsync("signals/2025-01-10/signals.json", ct));
        Assert.Contains("RCPT TO:<pm@example.com>", server.Commands);
    }

    [Fact]
    public async Task A_failed_send_is_reported_and_the_run_stays_published()
    {
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; l.Stop(); }
        var publisher = Create(port);
        var o = Outcome();

        var written = await publisher.CommitAsync(o, publisher.Prepare(o), ct);

        Assert.StartsWith($"email: FAILED (e-mail to 127.0.0.1:{port} failed: ", written[^1]);
        Assert.EndsWith("— the run is published; send the brief by hand", written[^1]);
        Assert.True(await _store.ExistsAsync("signals/2025-01-10/signals.json", ct));
        Assert.True(await _store.ExistsAsync("signals/latest.json", ct));
    }
}
