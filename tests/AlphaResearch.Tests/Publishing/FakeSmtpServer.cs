using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlphaResearch.Tests.Publishing;

/// <summary>A minimal in-process SMTP server (plain, no TLS, no auth) that accepts one session and records the envelope and DATA.</summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _session;

    public int Port { get; }
    public List<string> Commands { get; } = [];
    public string Data { get; private set; } = "";

    public FakeSmtpServer(CancellationToken ct)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _session = Task.Run(() => ServeOneAsync(ct), ct);
    }

    private async Task ServeOneAsync(CancellationToken ct)
    {
        using var client = await _listener.AcceptTcpClientAsync(ct);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake ESMTP");
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            Commands.Add(line);
            string verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO": await writer.WriteLineAsync("250-fake\r\n250 8BITMIME"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var sb = new StringBuilder();
                    while (await reader.ReadLineAsync(ct) is { } d && d != ".") sb.Append(d).Append('\n');
                    Data = sb.ToString();
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 ok"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try { await _session; } catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException) { }
    }
}
