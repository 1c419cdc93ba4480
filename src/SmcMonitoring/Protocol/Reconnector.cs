using System;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Protocol;

/// <summary>
/// The one reconnection loop, shared by live queries and notification channels: waits with bounded exponential
/// backoff between attempts, says so before each wait, never waits past the caller's deadline, and gives up with
/// <see cref="SmcErrors.ReconnectFailed"/> after the policy's attempts. A credential problem ends it at once: waiting
/// would not fix it.
/// </summary>
internal static class Reconnector
{
    /// <summary>Opens again with <paramref name="open"/> until it works.</summary>
    /// <param name="open">One attempt (it logs in again once itself when the SMC expired the session).</param>
    /// <param name="policy">How many attempts, how far apart.</param>
    /// <param name="clock">The clock the waits and <paramref name="deadline"/> are measured on.</param>
    /// <param name="deadline">The clock time not to wait past (a query's -TimeoutSec); null for none.</param>
    /// <param name="what">Names the stream in messages, for example "The live query of fw-east".</param>
    /// <param name="reason">Why the connection was lost.</param>
    /// <param name="report">Receives a sentence before each wait.</param>
    /// <param name="cancellationToken">Stops the waits and the attempts.</param>
    public static async Task<T> ReopenAsync<T>(Func<CancellationToken, Task<T>> open, ReconnectPolicy policy, IClock clock, TimeSpan? deadline,
        string what, string reason, Action<string> report, CancellationToken cancellationToken)
    {
        if (policy.MaxAttempts <= 0)
        {
            throw SmcErrors.ReconnectFailed.Create($"{what} lost its connection ({reason}) and reconnection is off (-NoReconnect).");
        }
        for (var attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            var delay = policy.DelayBefore(attempt);
            if (deadline is { } end && clock.Elapsed + delay >= end)
            {
                throw SmcErrors.ReconnectFailed.Create($"{what} lost its connection ({reason}); its time limit (-TimeoutSec) ends before the next reconnection attempt, so it stopped.");
            }
            report($"{what} lost its connection ({reason}); reconnecting in {delay.TotalSeconds:0.#} s (attempt {attempt} of {policy.MaxAttempts}).");
            await clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            try
            {
                return await open(cancellationToken).ConfigureAwait(false);
            }
            catch (SmcException ex) when (ex.Kind is SmcErrorKind.Connection or SmcErrorKind.Timeout or SmcErrorKind.Refused && ex.Error != SmcErrors.SocketRedirected)
            {
                reason = ex.Message;
            }
        }
        throw SmcErrors.ReconnectFailed.Create($"{what} gave up after {policy.MaxAttempts} reconnection attempts: {reason}");
    }
}
