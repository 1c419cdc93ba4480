using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Protocol;

/// <summary>
/// The client side of an open websocket (RFC 6455) over a stream, after <see cref="WebSocketHandshake"/>: whole
/// messages in, masked text frames out, pings answered, close answered. It is the module's own rather than
/// ClientWebSocket because the SMC needs what that class cannot give on both PowerShell runtimes (see
/// docs/design.md): a text frame that is not valid UTF-8 costs one message here instead of the socket, a message
/// over the size limit is skipped as it arrives instead of buffered, and a server that stops answering pings is
/// noticed (<see cref="WebSocketOptions.KeepAliveInterval"/>) on .NET Framework too.
/// </summary>
internal sealed class WebSocketConnection : IMessageSource
{
    private const byte Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;
    private const int FirstMessageBuffer = 16 * 1024;

    private static readonly RandomNumberGenerator MaskKeys = RandomNumberGenerator.Create();

    private readonly Stream _stream;
    private readonly IDisposable _transport;
    private readonly string _peer;
    private readonly int _maxMessageBytes;
    private readonly byte[] _read = new byte[16 * 1024];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private int _readStart;
    private int _readEnd;
    private long _lastFrameTicks;
    private volatile bool _receiving;
    private volatile bool _closeSent;
    private volatile bool _closeReceived;
    private int _aborted;
    private string? _abortReason;

    /// <param name="stream">The connection's stream, positioned after the handshake's answer.</param>
    /// <param name="transport">What closes the connection (the TCP client).</param>
    /// <param name="leftover">Bytes read past the handshake's answer: the start of the first frames.</param>
    /// <param name="options">Size limit and keep-alive.</param>
    /// <param name="peer">Names the server in messages, for example "the SMC at https://smc:8082/".</param>
    internal WebSocketConnection(Stream stream, IDisposable transport, ReadOnlySpan<byte> leftover, WebSocketOptions options, string peer)
    {
        _stream = stream;
        _transport = transport;
        _peer = peer;
        _maxMessageBytes = options.MaxMessageBytes;
        leftover.CopyTo(_read);
        _readEnd = leftover.Length;
        if (options.KeepAliveInterval > TimeSpan.Zero)
        {
            _ = KeepAliveAsync(options.KeepAliveInterval, options.KeepAliveTimeout > TimeSpan.Zero ? options.KeepAliveTimeout : options.KeepAliveInterval);
        }
    }

    /// <inheritdoc/>
    public bool CanSend => !_closeSent && !_closeReceived && Volatile.Read(ref _aborted) == 0;

    /// <inheritdoc/>
    public string? CloseDescription { get; private set; }

    /// <summary>Called once when the connection is closed for good (disposed or aborted).</summary>
    public Action? Disposed { get; set; }

    /// <summary>The close code the server sent, once it closed.</summary>
    public int? CloseStatus { get; private set; }

    /// <inheritdoc/>
    public async Task<ReceivedMessage?> ReceiveAsync()
    {
        if (_closeReceived) { return null; }
        _receiving = true;
        byte[]? message = null;
        var length = 0;
        var inMessage = false;
        var isText = false;
        var tooLarge = false;
        try
        {
            while (true)
            {
                var frame = await ReadHeaderAsync().ConfigureAwait(false);
                Volatile.Write(ref _lastFrameTicks, _clock.ElapsedTicks);
                switch (frame.Opcode)
                {
                    case Ping:
                        await SendFrameAsync(Pong, await ReadControlPayloadAsync(frame).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
                        continue;
                    case Pong:
                        await ReadControlPayloadAsync(frame).ConfigureAwait(false);
                        continue;
                    case Close:
                        OnClose(await ReadControlPayloadAsync(frame).ConfigureAwait(false));
                        return null;
                    case Text:
                    case Binary:
                        if (inMessage) { throw Broken("a new message began before the previous one ended"); }
                        inMessage = true;
                        isText = frame.Opcode == Text;
                        break;
                    case Continuation:
                        if (!inMessage) { throw Broken("a continuation frame came outside a message"); }
                        break;
                    default:
                        throw Broken($"it sent a frame with the unknown opcode {frame.Opcode}");
                }
                if (tooLarge || length + frame.Length > _maxMessageBytes)
                {
                    tooLarge = true;
                    await SkipPayloadAsync(frame.Length).ConfigureAwait(false);
                }
                else
                {
                    message = Grow(message, length, length + (int)frame.Length);
                    await ReadPayloadAsync(message, length, (int)frame.Length, frame.Mask).ConfigureAwait(false);
                    length += (int)frame.Length;
                }
                if (!frame.Fin) { continue; }
                if (tooLarge)
                {
                    throw SmcErrors.MessageTooLarge.Create($"{Capitalized(_peer)} sent a message larger than {_maxMessageBytes / (1024.0 * 1024):0.#} MB, the most this session accepts (Connect-SmcSession -MaxMessageSizeMB); the message was skipped. Ask for fewer fields (-Field) or raise the limit.");
                }
                var received = new ReceivedMessage(message ?? ArrayPool<byte>.Shared.Rent(1), length, isText);
                message = null;
                return received;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw Lost(ex);
        }
        finally
        {
            _receiving = false;
            if (message != null) { ArrayPool<byte>.Shared.Return(message); }
        }
    }

    /// <inheritdoc/>
    public Task SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => SendFrameAsync(Text, utf8, cancellationToken);

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!CanSend) { return; }
        _closeSent = true;
        // 1000, normal closure.
        await SendFrameAsync(Close, new byte[] { 0x03, 0xE8 }, cancellationToken, evenAfterClose: true).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Abort() => AbortWith(null);

    /// <inheritdoc/>
    public void Dispose() => AbortWith(null);

    /// <summary>Ends the connection; a receive in progress then fails with <paramref name="reason"/> when one is given.</summary>
    private void AbortWith(string? reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0) { return; }
        _abortReason = reason;
        _stop.Cancel();
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // The stream may fail to flush a TLS close; the socket is closed below either way.
        }
        _transport.Dispose();
        Disposed?.Invoke();
    }

    private void OnClose(byte[] payload)
    {
        _closeReceived = true;
        if (payload.Length >= 2)
        {
            CloseStatus = (payload[0] << 8) | payload[1];
            CloseDescription = DecodeReason(payload);
        }
        if (!_closeSent)
        {
            _closeSent = true;
            // Answer the close as RFC 6455 asks; a server that is already gone does not matter.
            _ = SendFrameAsync(Close, payload.Length >= 2 ? new[] { payload[0], payload[1] } : Array.Empty<byte>(), CancellationToken.None, evenAfterClose: true)
                .ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private static string DecodeReason(byte[] payload)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(payload, 2, payload.Length - 2);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.UTF8.GetString(payload, 2, payload.Length - 2);
        }
    }

    private async Task SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken, bool evenAfterClose = false)
    {
        if (!evenAfterClose && !CanSend) { throw Lost(null); }
        var headerLength = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frameLength = headerLength + 4 + payload.Length;
        var frame = ArrayPool<byte>.Shared.Rent(frameLength);
        try
        {
            frame[0] = (byte)(0x80 | opcode);
            if (headerLength == 2)
            {
                frame[1] = (byte)(0x80 | payload.Length);
            }
            else if (headerLength == 4)
            {
                frame[1] = 0x80 | 126;
                frame[2] = (byte)(payload.Length >> 8);
                frame[3] = (byte)payload.Length;
            }
            else
            {
                frame[1] = 0x80 | 127;
                for (var i = 0; i < 8; i++) { frame[2 + i] = (byte)((long)payload.Length >> (8 * (7 - i))); }
            }
            var mask = new byte[4];
            MaskKeys.GetBytes(mask);
            Buffer.BlockCopy(mask, 0, frame, headerLength, 4);
            var body = payload.Span;
            for (var i = 0; i < body.Length; i++) { frame[headerLength + 4 + i] = (byte)(body[i] ^ mask[i & 3]); }
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(frame, 0, frameLength, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw Lost(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Pings a connection that has been silent while a receive waited; aborts it when no frame answers in time.</summary>
    private async Task KeepAliveAsync(TimeSpan interval, TimeSpan timeout)
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                await Task.Delay(interval, token).ConfigureAwait(false);
                var silentFor = TimeSpan.FromTicks((long)((_clock.ElapsedTicks - Volatile.Read(ref _lastFrameTicks)) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));
                // A receive that is not waiting (the reader is busy) reads no pong: only a waiting receive is judged.
                if (!_receiving || silentFor < interval || !CanSend) { continue; }
                var pingedAt = _clock.ElapsedTicks;
                await SendFrameAsync(Ping, Array.Empty<byte>(), token).ConfigureAwait(false);
                await Task.Delay(timeout, token).ConfigureAwait(false);
                if (_receiving && Volatile.Read(ref _lastFrameTicks) < pingedAt)
                {
                    AbortWith($"{_peer} sent nothing and did not answer a websocket ping within {timeout.TotalSeconds:0.###} s (Connect-SmcSession -KeepAliveSec)");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SmcException)
        {
            // Stopped with the connection, or the connection broke: the receive reports that.
        }
    }

    private async Task<FrameHeader> ReadHeaderAsync()
    {
        await FillAsync(2).ConfigureAwait(false);
        var first = _read[_readStart];
        var second = _read[_readStart + 1];
        var masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        var extra = (length == 126 ? 2 : length == 127 ? 8 : 0) + (masked ? 4 : 0);
        await FillAsync(2 + extra).ConfigureAwait(false);
        var position = _readStart + 2;
        if (length == 126)
        {
            length = (_read[position] << 8) | _read[position + 1];
            position += 2;
        }
        else if (length == 127)
        {
            length = 0;
            for (var i = 0; i < 8; i++) { length = (length << 8) | _read[position + i]; }
            position += 8;
            if (length < 0 || length > int.MaxValue) { throw Broken($"it announced a frame of {length} bytes"); }
        }
        byte[]? mask = null;
        if (masked)
        {
            // RFC 6455 forbids masked server frames; unmasking them costs nothing and loses no data.
            mask = new byte[4];
            Buffer.BlockCopy(_read, position, mask, 0, 4);
            position += 4;
        }
        _readStart = position;
        var opcode = (byte)(first & 0x0F);
        if (opcode >= Close && (length > 125 || (first & 0x80) == 0)) { throw Broken("it sent a control frame that is fragmented or longer than 125 bytes"); }
        return new FrameHeader((first & 0x80) != 0, opcode, length, mask);
    }

    private async Task<byte[]> ReadControlPayloadAsync(FrameHeader frame)
    {
        var payload = new byte[frame.Length];
        await ReadPayloadAsync(payload, 0, payload.Length, frame.Mask).ConfigureAwait(false);
        return payload;
    }

    private async Task ReadPayloadAsync(byte[] destination, int offset, int count, byte[]? mask)
    {
        var start = offset;
        var buffered = Math.Min(count, _readEnd - _readStart);
        Buffer.BlockCopy(_read, _readStart, destination, offset, buffered);
        _readStart += buffered;
        offset += buffered;
        count -= buffered;
        while (count > 0)
        {
            var read = await _stream.ReadAsync(destination, offset, count).ConfigureAwait(false);
            if (read == 0) { throw Ended(); }
            offset += read;
            count -= read;
        }
        if (mask != null)
        {
            for (var i = start; i < offset; i++) { destination[i] ^= mask[(i - start) & 3]; }
        }
    }

    private async Task SkipPayloadAsync(long count)
    {
        while (count > 0)
        {
            if (_readStart == _readEnd) { await FillAsync(1).ConfigureAwait(false); }
            var skipped = (int)Math.Min(count, _readEnd - _readStart);
            _readStart += skipped;
            count -= skipped;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available in the read buffer.</summary>
    private async Task FillAsync(int count)
    {
        if (_readEnd - _readStart >= count) { return; }
        if (_readStart > 0)
        {
            Buffer.BlockCopy(_read, _readStart, _read, 0, _readEnd - _readStart);
            _readEnd -= _readStart;
            _readStart = 0;
        }
        while (_readEnd < count)
        {
            var read = await _stream.ReadAsync(_read, _readEnd, _read.Length - _readEnd).ConfigureAwait(false);
            if (read == 0) { throw Ended(); }
            _readEnd += read;
        }
    }

    private static byte[] Grow(byte[]? buffer, int used, int needed)
    {
        if (buffer != null && buffer.Length >= needed) { return buffer; }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer is null ? FirstMessageBuffer : buffer.Length * 2));
        if (buffer != null)
        {
            Buffer.BlockCopy(buffer, 0, larger, 0, used);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return larger;
    }

    private SmcException Ended() => Volatile.Read(ref _aborted) != 0
        ? Lost(null)
        : SmcErrors.ConnectionLost.Create($"{Capitalized(_peer)} closed the connection without a websocket close.");

    private SmcException Broken(string what)
    {
        AbortWith(null);
        return SmcErrors.ConnectionLost.Create($"{Capitalized(_peer)} broke the websocket protocol: {what}. The connection was closed.");
    }

    private SmcException Lost(Exception? ex)
    {
        if (ex is SmcException smc) { return smc; }
        var why = _abortReason ?? (Volatile.Read(ref _aborted) != 0 ? "the connection was closed" : ex?.Message ?? "the connection is closed");
        return SmcErrors.ConnectionLost.Create($"The connection to {_peer} broke: {why}.", ex);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private readonly struct FrameHeader
    {
        public FrameHeader(bool fin, byte opcode, long length, byte[]? mask)
        {
            Fin = fin;
            Opcode = opcode;
            Length = length;
            Mask = mask;
        }

        public bool Fin { get; }

        public byte Opcode { get; }

        public long Length { get; }

        public byte[]? Mask { get; }
    }
}
