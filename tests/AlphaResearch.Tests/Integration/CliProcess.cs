using System.Diagnostics;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// A real `alpha-research` process (the CLI dll as built in its own project, run with `dotnet`), with its
/// output captured. Used by the tests that need separate processes: kills, concurrent starts, first opens.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public static CliProcess Start(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        string cli = Binary();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(cli)!,
        };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host's own credentials never leak into the child; each test states what it needs.
        foreach (var name in new[] { "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY" }) start.Environment.Remove(name);
        foreach (var (k, v) in env) start.Environment[k] = v;
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the exit (killing the process after <paramref name="timeout"/>) and returns code, stdout and stderr.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
            Assert.Fail($"alpha-research did not exit within {timeout.TotalSeconds:0} s; stderr: {await _stderr}");
        }
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>SIGKILL (no chance to clean up: the crash the store must survive).</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    /// <summary>A pid that belonged to a process on this host which has exited (a "dead holder").</summary>
    public static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    /// <summary>
    /// The CLI as built in its own project (its deps.json matches its bin folder; the copy in the test bin
    /// resolves framework assemblies differently).
    /// </summary>
    public static string Binary()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlphaResearch.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // Debug or Release
        var cli = Path.Combine(dir.FullName, "src", "AlphaResearch.Cli", "bin", config, "net10.0", "alpha-research.dll");
        Assert.True(File.Exists(cli), $"build the CLI first: {cli} is missing");
        return cli;
    }
}
