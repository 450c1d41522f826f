namespace AlphaResearch.Archive;

/// <summary>
/// Validates object keys for every store, so a ticker, team id or date can never address anything
/// outside the store: '/'-separated relative segments of [A-Za-z0-9._-], no empty, "." or ".."
/// segment, no segment starting with '.' (the filesystem store keeps its temp files there).
/// </summary>
public static class ObjectKeys
{
    public const int MaxLength = 1024;

    /// <exception cref="ArgumentException">The key is unsafe; the message names it and why.</exception>
    public static string Validate(string key)
    {
        string? problem = Problem(key);
        if (problem is not null) throw new ArgumentException($"invalid object key '{key}': {problem}", nameof(key));
        return key;
    }

    /// <summary>A list prefix: empty, or a key prefix (a trailing '/' is allowed).</summary>
    public static string ValidatePrefix(string prefix)
    {
        if (prefix.Length == 0) return prefix;
        string trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        string? problem = trimmed.Length == 0 ? "a prefix cannot be just '/'" : Problem(trimmed);
        if (problem is not null) throw new ArgumentException($"invalid object key prefix '{prefix}': {problem}", nameof(prefix));
        return prefix;
    }

    public static bool IsValid(string key) => Problem(key) is null;

    private static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "it is empty";
        if (key.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        if (key.Contains('\\')) return "backslashes are not allowed (use '/')";
        if (key.StartsWith('/')) return "absolute keys are not allowed";
        foreach (char c in key)
        {
            if (!IsSafe(c)) return $"character '{c}' is not allowed (only A-Z a-z 0-9 . _ - /)";
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0) return "empty path segments ('//' or a trailing '/') are not allowed";
            if (segment is "." or "..") return "'.' and '..' segments are not allowed";
            if (segment.StartsWith('.')) return "segments starting with '.' are reserved";
        }
        return null;
    }

    private static bool IsSafe(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-' or '/';
}
