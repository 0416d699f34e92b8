using System.Runtime.InteropServices;
using BootRoute.Native;
using Polly;
using Polly.Retry;

namespace BootRoute.State;

/// <summary>
/// Serialises runs that change the kernel (apply, remove): an exclusive flock(2) on
/// state.directory/lock. The kernel drops it when the process dies, kill -9 included, so a crashed run
/// never blocks the next one. A second run waits (Polly retry, built only when the first try finds the
/// lock taken) up to state.lock_timeout. Only a lock another process holds (EWOULDBLOCK) is waited
/// for: a lock file that cannot be opened (read-only /run, no permission, a link planted at its
/// name) is an error at once, not a wait ending in "another run holds the lock".
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>rw-------: the lock file is never read; nobody else needs it.</summary>
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly SafeFileDescriptorHandle _file;

    private RunLock(SafeFileDescriptorHandle file) => _file = file;

    public static string PathIn(string directory) => Path.Combine(directory, Paths.State.LockFileName);

    /// <returns>The held lock, or null when another run still held it at the deadline.</returns>
    /// <exception cref="IOException">The lock file cannot be opened or locked for another reason than
    /// another run holding it (<see cref="UnauthorizedAccessException"/> for EACCES and EPERM).</exception>
    /// <exception cref="StateException">state.directory is not safe to use (<see cref="StateDirectory"/>).</exception>
    public static async Task<RunLock?> AcquireAsync(string directory, TimeSpan timeout, Action<string> progress, CancellationToken cancellationToken)
    {
        StateDirectory.Prepare(directory);
        string path = PathIn(directory);
        // Nearly every run finds the lock free; building the retry pipeline costs more than the rest of
        // a converged run's discovery (Polly validates its options by reflection), so only on contention.
        if (TryTake(path) is { } uncontended)
        {
            return uncontended;
        }
        var started = TimeProvider.System.GetTimestamp();
        bool told = false;
        var pipeline = new ResiliencePipelineBuilder<RunLock?>()
            .AddRetry(new RetryStrategyOptions<RunLock?>
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is null
                    && TimeProvider.System.GetElapsedTime(started) < timeout),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromMilliseconds(50),
                OnRetry = _ =>
                {
                    if (!told)
                    {
                        progress($"another bootroute run holds {path}; waiting up to {timeout.TotalSeconds:0}s");
                        told = true;
                    }
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return await pipeline.ExecuteAsync(_ => ValueTask.FromResult(TryTake(path)), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The lock, or null while another process holds it.</returns>
    private static RunLock? TryTake(string path)
    {
        const int flags = FileFlags.O_RDWR | FileFlags.O_CREAT | FileFlags.O_CLOEXEC;
        // O_NOFOLLOW: a link planted at the name must not make root create or open a file elsewhere.
        // The umask can only take bits away from rw-------, never add any.
        int fd = Interop.Libc.Open(path, flags | FileFlags.O_NOFOLLOW, (uint)Mode);
        if (fd < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path);
        }
        var file = new SafeFileDescriptorHandle(fd);
        if (Interop.Libc.Flock(file, FileFlags.LOCK_EX | FileFlags.LOCK_NB) == 0)
        {
            return new RunLock(file);
        }
        int errno = Marshal.GetLastPInvokeError();
        file.Dispose();
        // EWOULDBLOCK (EAGAIN on Linux) is another run; EINTR is tried again like it.
        return errno is Errno.EAGAIN or Errno.EINTR ? null : throw Failure(errno, path);
    }

    private static Exception Failure(int errno, string path)
    {
        string reason = errno == Errno.ELOOP ? "it is a symbolic link" : Errno.Describe(errno);
        string message = $"cannot take the run lock {path}: {reason}";
        return errno is Errno.EACCES or Errno.EPERM ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    public void Dispose() => _file.Dispose();
}
