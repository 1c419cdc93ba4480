using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The fetches running on one socket, by fetch id, so an abort can stop the right one.</summary>
internal sealed class FetchRegistry
{
    private readonly object gate = new();
    private readonly Dictionary<int, (CancellationTokenSource Abort, Task Run)> running = new();
    private readonly HashSet<int> issued = new();

    /// <summary>Starts <paramref name="run"/> in the background under a fresh id (from <paramref name="nextId"/>, unique on this socket).</summary>
    public int Start(Func<int> nextId, Func<int, CancellationToken, Task> run)
    {
        lock (gate)
        {
            int id;
            do
            {
                id = nextId();
            }
            while (running.ContainsKey(id));

            issued.Add(id);
            var abort = new CancellationTokenSource();
            running[id] = (abort, Task.Run(() => RunAsync(id, abort.Token, run)));
            return id;
        }
    }

    /// <summary>
    /// Stops a fetch. Ids that ended long ago or never existed are ignored: clients abort after every fetch.
    /// Returns whether this socket ever issued the id, and whether that fetch was still running.
    /// </summary>
    public (bool Known, bool Running) Abort(int id)
    {
        CancellationTokenSource? abort;
        bool known;
        lock (gate)
        {
            abort = running.TryGetValue(id, out var fetch) ? fetch.Abort : null;
            known = issued.Contains(id);
        }

        abort?.Cancel();
        return (known, abort is not null);
    }

    public async Task StopAllAsync()
    {
        List<(CancellationTokenSource Abort, Task Run)> fetches;
        lock (gate)
        {
            fetches = new List<(CancellationTokenSource Abort, Task Run)>(running.Values);
        }

        var runs = new List<Task>();
        foreach (var (abort, run) in fetches)
        {
            abort.Cancel();
            runs.Add(run);
        }

        await Task.WhenAll(runs);
    }

    private async Task RunAsync(int id, CancellationToken abort, Func<int, CancellationToken, Task> run)
    {
        try
        {
            await run(id, abort);
        }
        finally
        {
            lock (gate)
            {
                running.Remove(id);
            }
        }
    }
}
