using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SmcMonitoring.Bench;

/// <summary>Writes measurements as one JSON object per line (collected by Invoke-Benchmark.ps1) and progress as plain lines.</summary>
internal static class JsonLines
{
    public static void Measurement(string measure, int run, long records, TimeSpan elapsed, IDictionary<string, object>? extra = null)
    {
        var line = new Dictionary<string, object>
        {
            ["measure"] = measure,
            ["run"] = run,
            ["records"] = records,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 6),
            ["recordsPerSecond"] = elapsed.TotalSeconds > 0 ? Math.Round(records / elapsed.TotalSeconds) : 0,
        };
        if (extra != null)
        {
            foreach (var pair in extra) { line[pair.Key] = pair.Value; }
        }
        Console.Out.WriteLine(JsonSerializer.Serialize(line));
        Console.Out.Flush();
    }

    public static void Progress(string text)
    {
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }
}
