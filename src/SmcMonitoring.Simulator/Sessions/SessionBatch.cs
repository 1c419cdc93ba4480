using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Records;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// Builds <c>{"fetch":F,"records":{"added":[...],"updated":[...],"deleted":[...]}}</c> messages of at most 200
/// records in reused buffers. A client applies the arrays in that order, which equals the order of the changes
/// only while no row appears twice: <see cref="Contains"/> tells the fetch to send first.
/// </summary>
internal sealed class SessionBatch
{
    private static readonly JsonEncodedText[] ArrayNames =
    {
        JsonEncodedText.Encode("added"), JsonEncodedText.Encode("updated"), JsonEncodedText.Encode("deleted"),
    };

    private readonly int fetchId;
    private readonly RecordWriter records;
    private readonly ArrayBufferWriter<byte>[] arrays = new ArrayBufferWriter<byte>[3];
    private readonly Utf8JsonWriter[] writers = new Utf8JsonWriter[3];
    private readonly ArrayBufferWriter<byte> message = new(64 * 1024);
    private readonly Utf8JsonWriter messageWriter;
    private readonly HashSet<long> rows = new();

    public SessionBatch(int fetchId, RecordWriter records)
    {
        this.fetchId = fetchId;
        this.records = records;
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = new ArrayBufferWriter<byte>(i == 0 ? 64 * 1024 : 4096);
            writers[i] = new Utf8JsonWriter(arrays[i], JsonText.FastWriterOptions);
            writers[i].WriteStartArray();
        }

        messageWriter = new Utf8JsonWriter(message, JsonText.FastWriterOptions);
    }

    public int Count { get; private set; }

    public bool IsFull => Count == Sockets.RecordBatch.MaxRecords;

    /// <summary>Whether the message being built already holds a record of this row.</summary>
    public bool Contains(long rowId) => rows.Contains(rowId);

    /// <summary>Adds a record to its array, written by the fetch's writer or by <paramref name="writer"/>.</summary>
    public void Add(ChangeKind kind, long rowId, RecordBuffer record, IRecordKeys keys, RecordWriter? writer = null)
    {
        (writer ?? records).Write(writers[(int)kind], record, keys);
        rows.Add(rowId);
        Count++;
    }

    /// <summary>Adds a record already rendered as JSON by the fetch's writer.</summary>
    public void AddRendered(ChangeKind kind, long rowId, System.ReadOnlySpan<byte> json)
    {
        writers[(int)kind].WriteRawValue(json, skipInputValidation: true);
        rows.Add(rowId);
        Count++;
    }

    /// <summary>Sends the message (empty arrays included), waiting for a slow client, and starts the next one.</summary>
    public async Task SendAsync(MonitoringSocket socket)
    {
        messageWriter.WriteStartObject();
        messageWriter.WriteNumber("fetch", fetchId);
        messageWriter.WriteStartObject("records");
        for (var i = 0; i < arrays.Length; i++)
        {
            writers[i].WriteEndArray();
            writers[i].Flush();
            messageWriter.WritePropertyName(ArrayNames[i]);
            messageWriter.WriteRawValue(arrays[i].WrittenSpan, skipInputValidation: true);
        }

        messageWriter.WriteEndObject();
        messageWriter.WriteEndObject();
        messageWriter.Flush();
        await socket.SendAsync(message.WrittenMemory);

        message.ResetWrittenCount();
        messageWriter.Reset(message);
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i].ResetWrittenCount();
            writers[i].Reset(arrays[i]);
            writers[i].WriteStartArray();
        }

        rows.Clear();
        Count = 0;
    }
}
