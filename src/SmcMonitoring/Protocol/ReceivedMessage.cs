using System;
using System.Buffers;
using System.Threading;

namespace SmcMonitoring.Protocol;

/// <summary>
/// One whole message as a server sent it, in a pooled buffer that belongs to whoever holds this object: the receive
/// loop hands it to a parse, which disposes it when done. Nobody else ever touches the buffer, so no wait protects it.
/// </summary>
internal sealed class ReceivedMessage : IDisposable
{
    private byte[]? _buffer;

    internal ReceivedMessage(byte[] buffer, int length, bool isText)
    {
        _buffer = buffer;
        Length = length;
        IsText = isText;
    }

    /// <summary>The message's size in bytes.</summary>
    public int Length { get; }

    /// <summary>True for a text message (JSON), false for a binary one.</summary>
    public bool IsText { get; }

    /// <summary>The message's bytes; empty once disposed.</summary>
    public ReadOnlySpan<byte> Span => _buffer is { } buffer ? new ReadOnlySpan<byte>(buffer, 0, Length) : default;

    /// <summary>The message's bytes as memory (for parsers that keep a reference while they work); empty once disposed.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer is { } buffer ? new ReadOnlyMemory<byte>(buffer, 0, Length) : default;

    /// <summary>A message holding a copy of <paramref name="bytes"/> (scripted sources in tests, notifications).</summary>
    public static ReceivedMessage Copy(ReadOnlySpan<byte> bytes, bool isText = true)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
        bytes.CopyTo(buffer);
        return new ReceivedMessage(buffer, bytes.Length, isText);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
