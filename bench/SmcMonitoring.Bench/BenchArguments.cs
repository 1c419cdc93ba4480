using System;
using System.Globalization;

namespace SmcMonitoring.Bench;

/// <summary>The command line: <c>command --url U --api-key K [--records N] [--runs R] [--warmup-records W]</c>.</summary>
internal sealed class BenchArguments
{
    public string Command { get; private set; } = string.Empty;

    public Uri Url { get; private set; } = new("http://127.0.0.1:8082");

    public string ApiKey { get; private set; } = string.Empty;

    public int Records { get; private set; } = 1_000_000;

    public int Runs { get; private set; } = 5;

    public int WarmupRecords { get; private set; } = 100_000;

    public string Engine { get; private set; } = "fw-bench";

    public const string Usage = """
        Usage: SmcMonitoring.Bench <command> --url URL --api-key KEY [--records N] [--runs R] [--warmup-records W] [--engine E]

        Commands (each prints one JSON line per run on stdout; other lines are progress):
          sender    a raw websocket reader that only counts bytes and messages of a stored fetch (the simulator's send rate)
          parse     captures one fetch's raw messages in memory, then parses them without a socket: every value
                    materialised as a string (the ceiling), skipped, and through the module's typed record sink
          query     the module's query layer: SmcSession, QueryRunner, TypedRecordSink with the default log fields;
                    also the same fetch with the records skipped (no sink), to split reading from record building
          first     time from a new QueryRunner to the first record of a stored query of one record
          connections  a CONNECTIONS snapshot of --records rows of --engine (simulator with --session-change-rate 0):
                    the raw send rate, the query layer with the typed sink, and the captured messages parsed in memory
        """;

    public static BenchArguments Parse(string[] args)
    {
        if (args.Length == 0) { throw new ArgumentException("A command is needed."); }
        var parsed = new BenchArguments { Command = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            switch (name)
            {
                case "--url": parsed.Url = new Uri(value); break;
                case "--api-key": parsed.ApiKey = value; break;
                case "--records": parsed.Records = Number(name, value); break;
                case "--runs": parsed.Runs = Number(name, value); break;
                case "--warmup-records": parsed.WarmupRecords = Number(name, value); break;
                case "--engine": parsed.Engine = value; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        if (parsed.ApiKey.Length == 0) { throw new ArgumentException("--api-key is needed."); }
        return parsed;
    }

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option {name} needs a whole number above 0, not '{value}'.");
}
