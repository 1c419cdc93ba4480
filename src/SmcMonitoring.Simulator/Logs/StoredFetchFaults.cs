using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;
using SmcMonitoring.Simulator.Sockets;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// The hostile-server faults one stored log fetch meets, taken when it starts (the one-shot ones clear then): whole
/// batches past the quantity, a huge first message, wrong-type records, invalid UTF-8 frames among the records.
/// </summary>
internal sealed class StoredFetchFaults
{
    private const int EmptyRecordBytes = 3;

    /// <summary>Text, but not UTF-8: 0xC3 starts a two-byte sequence that '(' cannot continue, and 0xFF is never valid.</summary>
    private static readonly byte[] InvalidUtf8 = { (byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' };

    private static readonly byte[][] WrongTypes = { "1"u8.ToArray(), "\"x\""u8.ToArray(), "null"u8.ToArray() };

    private readonly SimulatorContext context;
    private readonly MonitoringSocket socket;
    private readonly int fetchId;
    private readonly bool batchesPastQuantity;
    private readonly int hugeMessageRecords;
    private readonly bool wrongTypeRecords;
    private int invalidUtf8Left;

    private StoredFetchFaults(SimulatorContext context, MonitoringSocket socket, int fetchId, bool batchesPastQuantity, int hugeMessageRecords, bool wrongTypeRecords, int invalidUtf8Frames)
    {
        this.context = context;
        this.socket = socket;
        this.fetchId = fetchId;
        this.batchesPastQuantity = batchesPastQuantity;
        this.hugeMessageRecords = hugeMessageRecords;
        this.wrongTypeRecords = wrongTypeRecords;
        invalidUtf8Left = invalidUtf8Frames;
    }

    /// <summary>The faults for this fetch, or null when there are none (the usual case costs nothing more).</summary>
    public static StoredFetchFaults? Take(SimulatorContext context, MonitoringSocket socket, int fetchId)
    {
        var faults = context.Faults;
        var batches = faults.BatchesPastQuantity;
        var huge = faults.HugeMessageRecords;
        var wrongType = faults.TakeWrongTypeRecords();
        var invalidUtf8 = faults.TakeInvalidUtf8Frames();
        return batches || huge > 0 || wrongType || invalidUtf8 > 0
            ? new StoredFetchFaults(context, socket, fetchId, batches, huge, wrongType, invalidUtf8)
            : null;
    }

    /// <summary>How many records the fetch sends: the quantity, or with BatchesPastQuantity whole messages of 200 past it.</summary>
    public long Remaining(long? quantity)
    {
        if (!batchesPastQuantity || quantity is not { } asked)
        {
            return quantity ?? long.MaxValue;
        }

        var whole = (asked + RecordBatch.MaxRecords - 1) / RecordBatch.MaxRecords * RecordBatch.MaxRecords;
        Note("BatchesPastQuantity", asked, new JsonObject { ["records"] = whole });
        return whole;
    }

    /// <summary>Before the first record: the huge message, then the wrong-type entries at the start of the first batch.</summary>
    public async Task BeforeRecordsAsync(RecordBatch batch)
    {
        if (hugeMessageRecords > 0)
        {
            Note("HugeMessageRecords", hugeMessageRecords, new JsonObject { ["bytes"] = HugeMessageBytes() });
            await SendHugeMessageAsync();
        }

        if (wrongTypeRecords)
        {
            Note("WrongTypeRecords", true, new JsonObject());
            foreach (var wrong in WrongTypes)
            {
                batch.AddRendered(wrong);
            }
        }

        if (invalidUtf8Left > 0)
        {
            Note("InvalidUtf8Frames", invalidUtf8Left, new JsonObject());
        }
    }

    /// <summary>After a records message: one invalid UTF-8 frame, while any is left.</summary>
    public async Task AfterRecordsMessageAsync()
    {
        if (invalidUtf8Left > 0)
        {
            invalidUtf8Left--;
            await socket.SendAsync(InvalidUtf8);
        }
    }

    /// <summary>Before the end: the invalid UTF-8 frames that found no records message to follow.</summary>
    public async Task BeforeEndAsync()
    {
        while (invalidUtf8Left > 0)
        {
            await AfterRecordsMessageAsync();
        }
    }

    private long HugeMessageBytes() => Prefix().Length + ((long)hugeMessageRecords * EmptyRecordBytes) - 1 + 2;

    private byte[] Prefix() => Encoding.ASCII.GetBytes($"{{\"fetch\":{fetchId},\"records\":[");

    /// <summary><c>{"fetch":F,"records":[{},{},...]}</c>, written piece by piece into the socket's small buffer.</summary>
    private Task SendHugeMessageAsync()
    {
        var prefix = Prefix();
        var written = 0L;
        var started = false;
        return socket.SendInPiecesAsync(buffer =>
        {
            var span = buffer.Span;
            var position = 0;
            if (!started)
            {
                prefix.CopyTo(span);
                position = prefix.Length;
                started = true;
            }

            for (; written < hugeMessageRecords && position + EmptyRecordBytes <= span.Length; written++)
            {
                if (written > 0)
                {
                    span[position++] = (byte)',';
                }

                span[position++] = (byte)'{';
                span[position++] = (byte)'}';
            }

            if (written < hugeMessageRecords || position + 2 > span.Length)
            {
                return (position, false);
            }

            span[position++] = (byte)']';
            span[position++] = (byte)'}';
            return (position, true);
        });
    }

    private void Note(string fault, JsonNode value, JsonObject details)
    {
        details["fault"] = fault;
        details["value"] = value;
        details["fetch"] = fetchId;
        context.Recorder.Note("fault", socket.Path, details);
    }
}
