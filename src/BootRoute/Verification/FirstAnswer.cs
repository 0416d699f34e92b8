namespace BootRoute.Verification;

/// <summary>What one hop of a raced check saw: whether it passed and what happened in words.</summary>
internal sealed record HopResult(bool Passed, string Detail);

/// <summary>
/// Races the hops of one check that needs only one of them to pass (the floating check's vantage
/// points and targets): every hop starts at once, the first that passes concludes the check and the
/// others are cancelled. Waiting for all of them would make a healthy check cost the timeout of its
/// slowest silent hop, e.g. a vantage point behind a provider that does not hairpin NAT.
/// </summary>
internal static class FirstAnswer
{
    /// <summary>
    /// The index of the first hop that passed (the rest cancelled, their results null), or -1 with
    /// every hop's result when none did, so a failing check can name each hop.
    /// </summary>
    public static async Task<(int Winner, HopResult?[] Results)> RaceAsync(
        IReadOnlyList<Func<CancellationToken, Task<HopResult>>> hops, CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = hops.Select(hop => hop(race.Token)).ToList();
        var results = new HopResult?[running.Count];
        var pending = new List<Task<HopResult>>(running);
        int winner = -1;
        while (pending.Count > 0 && winner < 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            int index = running.IndexOf(done);
            results[index] = await done.ConfigureAwait(false);
            if (results[index]!.Passed)
            {
                winner = index;
            }
        }
        if (winner >= 0)
        {
            await race.CancelAsync().ConfigureAwait(false);
            // The losers end at once on cancellation; waiting for them keeps their sockets and the
            // linked token from outliving the check.
            foreach (var loser in pending)
            {
                try
                {
                    await loser.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Cancelled because the check is already concluded: not a result.
                }
            }
        }
        return (winner, results);
    }
}
