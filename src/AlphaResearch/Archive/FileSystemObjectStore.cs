using System.Runtime.InteropServices;

namespace AlphaResearch.Archive;

/// <summary>
/// Objects as files under a root folder. Every write goes to a temp file in the target's own folder,
/// is flushed to disk, then renamed over the target, so a crash leaves the old or the new object,
/// never a torn one. Temp files start with '.', a prefix no valid key segment may have.
/// </summary>
public sealed partial class FileSystemObjectStore : IObjectStore
{
    private const string TempSuffix = ".tmp";
    private readonly string _root;

    public FileSystemObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public string Location => _root;

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(key)));

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        string target = PathOf(key);
        string temp = await WriteTempAsync(target, content, ct);
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        string target = PathOf(key);
        if (File.Exists(target)) return false;
        string temp = await WriteTempAsync(target, content, ct);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // MoveFileEx without REPLACE_EXISTING is atomic and fails when the target exists.
                File.Move(temp, target, overwrite: false);
                return true;
            }
            // On Unix, File.Move(overwrite: false) checks then renames — two racing writers can both "win".
            // link(2) is the atomic create-if-absent: it fails with EEXIST when the name is taken, and the
            // target appears complete (the temp file was flushed before).
            if (Link(temp, target) == 0) return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EExist) return false;
            throw new IOException($"could not create '{target}' (link failed with errno {errno}) — check the store folder's permissions and free space");
        }
        catch (IOException) when (OperatingSystem.IsWindows() && File.Exists(target))
        {
            return false;
        }
        finally
        {
            TryDelete(temp); // after link(2) both names exist; after a move the temp is gone already
        }
    }

    private const int EExist = 17; // Linux and macOS

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Already absent.
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        ObjectKeys.ValidatePrefix(prefix);
        int slash = prefix.LastIndexOf('/');
        string dir = slash < 0 ? _root : Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(dir)) return Task.FromResult<IReadOnlyList<string>>([]);
        var keys = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && ObjectKeys.IsValid(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$")]
    private static partial System.Text.RegularExpressions.Regex TempName();

    /// <summary>Whether a file name is one of this store's temp files (".{name}.{guid}.tmp").</summary>
    public static bool IsTempFile(string fileName) => TempName().IsMatch(fileName);

    /// <summary>
    /// Deletes temp files last written before <paramref name="olderThan"/>: a live writer's temp file exists for
    /// milliseconds, so one that old was left by a killed process. A file that vanishes or cannot be deleted is skipped.
    /// </summary>
    public Task<int> SweepStaleTempFilesAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        if (!Directory.Exists(_root)) return Task.FromResult(0);
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(_root, ".*.tmp", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            if (!IsTempFile(Path.GetFileName(file))) continue;
            try
            {
                if (File.GetLastWriteTimeUtc(file) >= olderThan.UtcDateTime) continue;
                File.Delete(file);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's sweep got it first, or it is not ours to delete: leave it.
            }
        }
        return Task.FromResult(removed);
    }

    private string PathOf(string key) =>
        Path.Combine(_root, ObjectKeys.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    private static async Task<string> WriteTempAsync(string target, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        string dir = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await stream.WriteAsync(content, ct);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return temp;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
