using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Queries;

/// <summary>
/// Runs queries side by side (one connection each) on the calling thread: whichever runner has something next hands
/// it to the listener, so records of several engines stream together and a cmdlet writes them from its own thread.
/// Returns when every query ended; cancelling (Ctrl+C) stops the wait with <see cref="System.OperationCanceledException"/>.
/// The caller disposes the runners, which aborts those still running.
/// </summary>
internal static class QueryDriver
{
    /// <summary>Runs <paramref name="runners"/> until each ended, handing what they produce to <paramref name="listener"/>.</summary>
    public static void Run(IReadOnlyList<QueryRunner> runners, IQueryListener listener, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<Task<QueryEvent?>, QueryRunner>(runners.Count);
        foreach (var runner in runners) { pending.Add(runner.NextAsync(cancellationToken), runner); }
        while (pending.Count > 0)
        {
            var done = pending.Count == 1 ? First(pending.Keys) : Task.WhenAny(pending.Keys).GetAwaiter().GetResult();
            var runner = pending[done];
            pending.Remove(done);
            var next = done.GetAwaiter().GetResult();
            if (next is null) { continue; }
            switch (next.Kind)
            {
                case QueryEventKind.Message:
                    listener.OnMessage(runner, next);
                    break;
                case QueryEventKind.Notice:
                    listener.OnNotice(runner, next.Level, next.Text!);
                    break;
                case QueryEventKind.Error:
                    listener.OnError(runner, next.Error!);
                    break;
                case QueryEventKind.End:
                    listener.OnEnd(runner, next.End!);
                    continue;
            }
            pending.Add(runner.NextAsync(cancellationToken), runner);
        }
    }

    private static Task<QueryEvent?> First(IEnumerable<Task<QueryEvent?>> tasks)
    {
        foreach (var task in tasks) { return task; }
        return Task.FromResult<QueryEvent?>(null);
    }
}
