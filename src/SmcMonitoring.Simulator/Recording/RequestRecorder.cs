using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Recording;

/// <summary>
/// Keeps every request and websocket message in order and, when asked, appends each as one JSON line to a file
/// (flushed per line, so a crashed run still leaves its log).
/// </summary>
internal sealed class RequestRecorder : IDisposable
{
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JsonText.Encoder };

    private readonly object gate = new();
    private readonly List<RecordedRequest> requests = new();
    private readonly StreamWriter? log;

    public RequestRecorder(string? logPath)
    {
        if (logPath is not null)
        {
            log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        }
    }

    public void Record(string kind, string method, string path, string? query, string? body)
    {
        var recorded = new RecordedRequest(
            DateTimeOffset.UtcNow, kind, method, path, SecretRedaction.RedactQuery(query), SecretRedaction.RedactBody(body, out var json));
        lock (gate)
        {
            requests.Add(recorded);
            if (log is not null)
            {
                log.WriteLine(ToJsonLine(recorded, json));
                log.Flush();
            }
        }
    }

    /// <summary>
    /// Records what the simulator itself did or noticed, as kind <c>simulator</c>: <paramref name="what"/> names it
    /// (see <see cref="RecordedRequest"/>), <paramref name="details"/> holds facts, never a credential's value.
    /// </summary>
    public void Note(string what, string path, JsonObject details) => Record("simulator", what, path, null, details.ToJsonString(LineOptions));

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            log?.Dispose();
        }
    }

    private static string ToJsonLine(RecordedRequest request, JsonNode? json)
    {
        var line = new JsonObject
        {
            ["time"] = request.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = request.Kind,
            ["method"] = request.Method,
            ["path"] = request.Path,
            ["query"] = request.Query,
            ["body"] = json ?? (request.Body is null ? null : JsonValue.Create(request.Body)),
        };
        return line.ToJsonString(LineOptions);
    }
}
