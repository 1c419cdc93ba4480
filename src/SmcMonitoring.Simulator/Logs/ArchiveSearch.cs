using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// A slow archive search before a stored fetch's first records (<see cref="SimulatorOptions.ArchiveSearchMs"/>):
/// progress frames as the vendor documents them (docs/real-smc.md 4), or complete silence.
/// </summary>
internal static class ArchiveSearch
{
    /// <summary>
    /// Spends the search time, sending a status every <see cref="SimulatorOptions.ArchiveStatusEveryMs"/> that tells
    /// which time the search reached in the window [<paramref name="oldestMs"/>, <paramref name="newestMs"/>].
    /// </summary>
    public static async Task RunAsync(SimulatorContext context, MonitoringSocket socket, int fetchId, long oldestMs, long newestMs, bool backwards, CancellationToken abort)
    {
        var searchMs = context.Options.ArchiveSearchMs;
        var every = context.Options.ArchiveStatusEveryMs;
        var clock = Stopwatch.StartNew();
        var frames = 0;
        if (every > 0)
        {
            await socket.SendAsync(SocketMessages.Status(fetchId, "Querying..."));
            frames++;
        }

        // One frame at every whole multiple of the period before the end, however late the timer fires.
        for (long due = every; every > 0 && due < searchMs; due += every)
        {
            await Waits.UntilAsync(clock, TimeSpan.FromMilliseconds(due), abort);
            var scanned = (long)((newestMs - oldestMs) * (due / (double)searchMs));
            await socket.SendAsync(SocketMessages.Status(fetchId, Progress(backwards ? newestMs - scanned : oldestMs + scanned, scanned)));
            frames++;
        }

        await Waits.UntilAsync(clock, TimeSpan.FromMilliseconds(searchMs), abort);
        context.Recorder.Note("archive-search", socket.Path, new JsonObject { ["fetch"] = fetchId, ["ms"] = clock.ElapsedMilliseconds, ["status_frames"] = frames });
    }

    /// <summary><c>Querying, filtering at 2024-01-15 09:13:20, scanned 2 hours, 46 minutes, 40 seconds</c>.</summary>
    public static string Progress(long reachedMs, long scannedMs)
    {
        var reached = DateTimeOffset.FromUnixTimeMilliseconds(reachedMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var span = TimeSpan.FromMilliseconds(Math.Max(0, scannedMs));
        var text = new StringBuilder($"Querying, filtering at {reached}, scanned ");
        Part(text, span.Days, "day");
        Part(text, span.Hours, "hour");
        Part(text, span.Minutes, "minute");
        text.Append(span.Seconds).Append(span.Seconds == 1 ? " second" : " seconds");
        return text.ToString();
    }

    private static void Part(StringBuilder text, int count, string unit)
    {
        if (count > 0)
        {
            text.Append(count).Append(' ').Append(unit).Append(count == 1 ? ", " : "s, ");
        }
    }
}
