using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Queries;

/// <summary>One item of a connection's read-ahead: a parsed message, or how the connection ended.</summary>
internal sealed class ReadItem
{
    private ReadItem() { }

    /// <summary>The parsed message; null for the other kinds.</summary>
    public ServerMessage? Message { get; private set; }

    /// <summary>The records the parse read (also those read before a message turned out unreadable).</summary>
    public Records.IRecordBatch? Batch { get; private set; }

    /// <summary>What cost this message (unreadable, too large); the connection goes on.</summary>
    public SmcException? MessageError { get; private set; }

    /// <summary>True when the server closed the connection.</summary>
    public bool Closed { get; private set; }

    /// <summary>Why the connection broke; nothing follows.</summary>
    public SmcException? ConnectionError { get; private set; }

    public static ReadItem Parsed(ServerMessage message, Records.IRecordBatch? batch) => new() { Message = message, Batch = batch };

    public static ReadItem Unreadable(SmcException error, Records.IRecordBatch? batch) => new() { MessageError = error, Batch = batch };

    public static ReadItem ServerClosed() => new() { Closed = true };

    public static ReadItem Broken(SmcException error) => new() { ConnectionError = error };
}

/// <summary>
/// Receives a connection's messages ahead of the reader and parses them on pool threads, handing them out in order.
/// One loop receives; each message then belongs to its parse, which returns the buffer when done. At most
/// <c>depth</c> items wait to be taken (a slow reader slows the socket instead of growing a buffer), and at most
/// one parse per core runs at once however many wait: more parse threads than cores only take turns (on 2 cores,
/// eight parses at once halved the rate of a connection snapshot, see bench/results.md).
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    private static readonly int ParallelParses = Math.Max(1, Environment.ProcessorCount);

    private readonly IMessageSource _source;
    private readonly Func<ReceivedMessage, ReadItem> _parse;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _parses = new(ParallelParses, ParallelParses);
    private readonly SemaphoreSlim _ready = new(0);
    private readonly ConcurrentQueue<Task<ReadItem>> _items = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="source">The connection; it must stay open while this reads (dispose this first).</param>
    /// <param name="parse">Parses one message (which it must dispose); runs on pool threads, several at once.</param>
    /// <param name="depth">How many items may wait to be taken.</param>
    public ReadAhead(IMessageSource source, Func<ReceivedMessage, ReadItem> parse, int depth)
    {
        _source = source;
        _parse = parse;
        _free = new SemaphoreSlim(depth, depth);
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The next item, in message order. Call <see cref="Release"/> once done with it.</summary>
    public async Task<ReadItem> NextAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        _items.TryDequeue(out var item);
        return await item!.ConfigureAwait(false);
    }

    /// <summary>Frees the place of an item taken: one more message may be received.</summary>
    public void Release() => _free.Release();

    /// <summary>The receive loop; it ends when the connection ends or this is disposed (after the source is aborted).</summary>
    public Task Completion => _loop;

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        // Items not taken are parsed or parsing: their buffers went back with their parse; their records are garbage.
        while (_items.TryDequeue(out _)) { }
    }

    private async Task ReceiveLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                await _free.WaitAsync(token).ConfigureAwait(false);
                ReceivedMessage? message;
                try
                {
                    message = await _source.ReceiveAsync().ConfigureAwait(false);
                }
                catch (SmcException ex) when (ex.Error == SmcErrors.MessageTooLarge)
                {
                    Post(Task.FromResult(ReadItem.Unreadable(ex, null)));
                    continue;
                }
                if (message is null)
                {
                    Post(Task.FromResult(ReadItem.ServerClosed()));
                    return;
                }
                Post(ParseAsync(message));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: the reader stopped listening.
        }
        catch (SmcException ex)
        {
            Post(Task.FromResult(ReadItem.Broken(ex)));
        }
    }

    private async Task<ReadItem> ParseAsync(ReceivedMessage message)
    {
        await _parses.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(() => _parse(message)).ConfigureAwait(false);
        }
        finally
        {
            _parses.Release();
        }
    }

    private void Post(Task<ReadItem> item)
    {
        _items.Enqueue(item);
        _ready.Release();
    }
}
