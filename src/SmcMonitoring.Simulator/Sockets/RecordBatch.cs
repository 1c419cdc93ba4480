using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// Builds <c>{"fetch":F,"records":[...]}</c> messages of at most <see cref="MaxRecords"/> records in one reused
/// buffer: after warm-up, streaming a million records allocates nothing per record.
/// </summary>
internal sealed class RecordBatch
{
    /// <summary>Records per message, as the reference client documents for the SMC.</summary>
    public const int MaxRecords = 200;

    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private readonly Utf8JsonWriter writer;
    private readonly int fetchId;
    private readonly RecordWriter records;

    public RecordBatch(int fetchId, RecordWriter records)
    {
        this.fetchId = fetchId;
        this.records = records;
        writer = new Utf8JsonWriter(buffer, JsonText.FastWriterOptions);
    }

    public int Count { get; private set; }

    public bool IsFull => Count == MaxRecords;

    public void Add(RecordBuffer record)
    {
        StartIfEmpty();

        records.Write(writer, record);
        Count++;
    }

    /// <summary>Adds a record already rendered as JSON by a <see cref="RecordWriter"/> of the same format.</summary>
    public void AddRendered(System.ReadOnlySpan<byte> json)
    {
        StartIfEmpty();

        writer.WriteRawValue(json, skipInputValidation: true);
        Count++;
    }

    private void StartIfEmpty()
    {
        if (Count == 0)
        {
            writer.WriteStartObject();
            writer.WriteNumber("fetch", fetchId);
            writer.WriteStartArray("records");
        }
    }

    /// <summary>Closes the message, sends it (waiting for a slow client), and starts the next one in the same buffer.</summary>
    public async Task SendAsync(MonitoringSocket socket)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await socket.SendAsync(buffer.WrittenMemory);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Count = 0;
    }
}
