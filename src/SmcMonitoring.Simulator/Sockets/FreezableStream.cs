using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>
/// An upgraded connection that can freeze like a stopped process: once frozen, writes never complete and what the
/// client sends is read and thrown away (the kernel of a stopped process still takes it in), so no ping is
/// answered. Frozen calls end with an <see cref="IOException"/> once the client closes or the simulator stops.
/// </summary>
internal sealed class FreezableStream : Stream
{
    private readonly Stream inner;
    private readonly CancellationTokenSource released;
    private int frozen;
    private int draining;

    /// <param name="inner">The upgraded connection.</param>
    /// <param name="released">Cancelled when the connection ends or the simulator stops; this stream cancels it when the client closes.</param>
    public FreezableStream(Stream inner, CancellationTokenSource released)
    {
        this.inner = inner;
        this.released = released;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Freezes the stream; true the first time.</summary>
    public bool Freeze() => Interlocked.Exchange(ref frozen, 1) == 0;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref frozen) == 0)
        {
            var count = await inner.ReadAsync(buffer, cancellationToken);
            if (Volatile.Read(ref frozen) == 0)
            {
                return count;
            }
        }

        await HoldAsync(drain: true);
        throw Ended();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref frozen) != 0)
        {
            await HoldAsync(drain: false);
            throw Ended();
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref frozen) != 0)
        {
            await HoldAsync(drain: false);
            throw Ended();
        }

        await inner.FlushAsync(cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The upgraded connection is read asynchronously.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The upgraded connection is written asynchronously.");

    public override void Flush() => throw new NotSupportedException("The upgraded connection is flushed asynchronously.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Waits until released. The first frozen reader also keeps reading the connection and discards what comes, so
    /// that the client's close is noticed (only readers: the connection takes one read at a time).
    /// </summary>
    private async Task HoldAsync(bool drain)
    {
        if (drain && Interlocked.Exchange(ref draining, 1) == 0)
        {
            var discarded = new byte[4096];
            try
            {
                while (await inner.ReadAsync(discarded, released.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The connection ended either way.
            }

            try
            {
                released.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request is over already.
            }
        }

        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (released.Token.Register(() => gone.TrySetResult()))
        {
            await gone.Task;
        }
    }

    private static IOException Ended() => new("The frozen connection ended.");
}
