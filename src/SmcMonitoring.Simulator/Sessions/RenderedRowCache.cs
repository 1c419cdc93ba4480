using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// The JSON of one table's snapshot rows, kept once rendered for one way of rendering them (format, definition and
/// version base: <c>--cache-rendered-records</c>). A snapshot record is a pure function of the row's id and version,
/// so an unchanged row is copied instead of filled and written again; a row whose version moved on is rendered anew.
/// Thread-safe: the fetches of one table share it.
/// </summary>
internal sealed class RenderedRowCache
{
    private readonly Dictionary<long, (int Version, byte[] Json)> rows = new();
    private readonly ArrayBufferWriter<byte> scratch = new(1024);
    private readonly Utf8JsonWriter writer;

    public RenderedRowCache()
    {
        writer = new Utf8JsonWriter(scratch, JsonText.FastWriterOptions);
    }

    /// <summary>The row's JSON when it is kept for this version.</summary>
    public bool TryGet(SessionRow row, out byte[] json)
    {
        lock (rows)
        {
            if (rows.TryGetValue(row.Id, out var kept) && kept.Version == row.Version)
            {
                json = kept.Json;
                return true;
            }
        }

        json = Array.Empty<byte>();
        return false;
    }

    /// <summary>Renders <paramref name="record"/> (the filled row, its keys aimed at it) with <paramref name="recordWriter"/> and keeps it.</summary>
    public byte[] Render(SessionRow row, RecordWriter recordWriter, RecordBuffer record, IRecordKeys keys)
    {
        lock (rows)
        {
            recordWriter.Write(writer, record, keys);
            writer.Flush();
            var json = scratch.WrittenSpan.ToArray();
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            rows[row.Id] = (row.Version, json);
            return json;
        }
    }
}
