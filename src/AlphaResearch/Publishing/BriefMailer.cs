using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>Sends the brief over SMTP (MailKit) when e-mail is enabled. The password comes from the environment variable named in the config.</summary>
internal sealed class BriefMailer(EmailOptions options, Func<string, string?> getEnvironmentVariable)
{
    public MimeMessage BuildMessage(string date, string markdown, string html)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From!));
        foreach (var to in options.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"{options.SubjectPrefix} — {date}";
        var body = new BodyBuilder { TextBody = markdown, HtmlBody = html };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Missing settings, by key; empty when e-mail can be attempted.</summary>
    public IReadOnlyList<string> MissingSettings()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SmtpHost)) missing.Add("publishing.email.smtp_host");
        if (string.IsNullOrWhiteSpace(options.From)) missing.Add("publishing.email.from");
        if (options.To.Count == 0) missing.Add("publishing.email.to");
        return missing;
    }

    public async Task<EmailResult> SendAsync(string date, string markdown, string html, CancellationToken ct)
    {
        if (!options.Enabled) return EmailResult.NotConfigured;
        var missing = MissingSettings();
        if (missing.Count > 0) return new EmailResult(true, false, $"e-mail not sent: set {string.Join(", ", missing)}");
        try
        {
            var message = BuildMessage(date, markdown, html);
            using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
            await client.ConnectAsync(options.SmtpHost!, options.SmtpPort,
                options.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrWhiteSpace(options.User))
            {
                string password = getEnvironmentVariable(options.PasswordEnv)
                    ?? throw new InvalidOperationException($"environment variable {options.PasswordEnv} (publishing.email.password_env) is not set");
                await client.AuthenticateAsync(options.User, password, ct);
            }
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            return new EmailResult(true, true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Delivery is best effort by contract: the run is already published, so the failure becomes a value the run result reports.
            return new EmailResult(true, false, $"e-mail to {options.SmtpHost}:{options.SmtpPort} failed: {Redactor.Redact(ex.Message)}");
        }
    }
}
