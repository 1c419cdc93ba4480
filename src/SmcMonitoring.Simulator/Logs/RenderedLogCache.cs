using System;
using System.Buffers;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Formats;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>
/// The JSON of stored log records, kept once rendered (<c>--cache-rendered-records</c>). A stored record is a pure
/// function of its index and the format, so a repeated fetch in the same format copies bytes instead of generating
/// and writing every value again. It exists for benchmarks: on a machine whose cores the simulator shares with the
/// client it measures, rendering costs the simulator most of a core, which a real SMC on its own machine never
/// takes from the client. Memory: about the size of the records' JSON per format (180 MB for a million records of
/// the default log fields); at most <see cref="RenderingCaches{T}.MaxKept"/> formats are kept.
/// </summary>
internal sealed class RenderedLogCache
{
    private readonly LogTimeline timeline;
    private readonly LogRecordGenerator generator;
    private readonly RenderingCaches<RenderedLogs> formats = new();

    public RenderedLogCache(LogTimeline timeline, LogRecordGenerator generator)
    {
        this.timeline = timeline;
        this.generator = generator;
    }

    /// <summary>The rendered records of <paramref name="format"/>, rendered as fetches first reach them.</summary>
    public RenderedLogs For(RecordFormat format) => formats.For(format.RenderingKey, () => new RenderedLogs(timeline, generator, format));
}

/// <summary>
/// The stored records of one format, rendered in chunks of <see cref="ChunkSize"/> the first time a fetch reaches
/// them. Thread-safe: concurrent fetches share the chunks; a chunk is rendered once, under the lock.
/// </summary>
internal sealed class RenderedLogs
{
    public const int ChunkSize = 4096;

    private readonly LogTimeline timeline;
    private readonly LogRecordGenerator generator;
    private readonly RecordWriter writer;
    private readonly RecordBuffer record = new(LogShape.Shape);
    private readonly Chunk?[] chunks;

    public RenderedLogs(LogTimeline timeline, LogRecordGenerator generator, RecordFormat format)
    {
        this.timeline = timeline;
        this.generator = generator;
        writer = new RecordWriter(format, LogShape.Shape);
        chunks = new Chunk?[(timeline.Count + ChunkSize - 1) / ChunkSize];
    }

    /// <summary>The JSON object of stored record <paramref name="index"/>, exactly as <see cref="RecordWriter"/> writes it.</summary>
    public ReadOnlySpan<byte> Record(long index)
    {
        var number = (int)(index / ChunkSize);
        var chunk = System.Threading.Volatile.Read(ref chunks[number]) ?? Render(number);
        var slot = (int)(index % ChunkSize);
        var start = chunk.Ends[slot];
        return chunk.Data.AsSpan(start, chunk.Ends[slot + 1] - start);
    }

    private Chunk Render(int number)
    {
        lock (writer)
        {
            if (chunks[number] is { } rendered)
            {
                return rendered;
            }

            var first = (long)number * ChunkSize;
            var count = (int)Math.Min(ChunkSize, timeline.Count - first);
            var buffer = new ArrayBufferWriter<byte>(count * 256);
            var ends = new int[count + 1];
            using (var json = new Utf8JsonWriter(buffer, JsonText.FastWriterOptions))
            {
                for (var i = 0; i < count; i++)
                {
                    var index = first + i;
                    generator.Fill(index, timeline.TimestampOf(index), record);
                    writer.Write(json, record);
                    json.Flush();
                    json.Reset(); // each record a root value of its own, with no separator before it
                    ends[i + 1] = buffer.WrittenCount;
                }
            }

            var chunk = new Chunk(buffer.WrittenSpan.ToArray(), ends);
            System.Threading.Volatile.Write(ref chunks[number], chunk);
            return chunk;
        }
    }

    private sealed record Chunk(byte[] Data, int[] Ends);
}
