using Polly;
using Polly.Retry;

namespace BootRoute.State;

/// <summary>
/// Serialises runs that change the kernel (apply, remove): an exclusive flock(2) on
/// state.directory/lock, which .NET takes for FileShare.None on Linux. The kernel drops it when the
/// process dies, kill -9 included, so a crashed run never blocks the next one. A second run waits
/// (Polly retry, built only when the first try finds the lock taken) up to state.lock_timeout.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static string PathIn(string directory) => Path.Combine(directory, Paths.State.LockFileName);

    /// <returns>The held lock, or null when another run still held it at the deadline.</returns>
    public static async Task<RunLock?> AcquireAsync(string directory, TimeSpan timeout, Action<string> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
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

    private static RunLock? TryTake(string path)
    {
        try
        {
            // Never read or written, so no buffer.
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
