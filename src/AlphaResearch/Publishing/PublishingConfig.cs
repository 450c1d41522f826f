using AlphaResearch.Scoring;

namespace AlphaResearch.Publishing;

/// <summary>Population rotation rules, brief and e-mail settings.</summary>
public sealed record PublishingConfig
{
    /// <summary>Written to signals.json "architecture_version"; the trading system keys on it.</summary>
    public string ArchitectureVersion { get; init; } = "sector_teams";
    /// <summary>Population rotation: target size, exit thresholds, tenure and per-run caps.</summary>
    public PopulationConfig Population { get; init; } = new();
    public BriefOptions Brief { get; init; } = new();
    public EmailOptions Email { get; init; } = new();
}

/// <summary>Morning-brief content knobs (reference §5.5).</summary>
public sealed record BriefOptions
{
    public string Title { get; init; } = "Alpha Research Brief";
    /// <summary>At most this many bullets under "Notable developments".</summary>
    public int MaxNotableDevelopments { get; init; } = 7;
    /// <summary>A team recommendation with conviction (0–100) at or above this is "notable".</summary>
    public int HighConvictionThreshold { get; init; } = 70;
    /// <summary>Bull cases quoted in notable developments are cut to this many characters.</summary>
    public int MaxBullCaseChars { get; init; } = 200;
}

/// <summary>Optional SMTP delivery of the brief. The password is read from the environment variable named here, never from the file.</summary>
public sealed record EmailOptions
{
    public bool Enabled { get; init; }
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    /// <summary>STARTTLS when the server offers it (port 587); false for a plain local relay.</summary>
    public bool UseStartTls { get; init; } = true;
    public string? User { get; init; }
    public string PasswordEnv { get; init; } = "ALPHA_RESEARCH_SMTP_PASSWORD";
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public string SubjectPrefix { get; init; } = "Alpha Research Brief";
    public int TimeoutSeconds { get; init; } = 30;
}
