using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace SmcMonitoring.Simulator.Records;

/// <summary>An IPv4 or IPv6 address held as two integers, so records carry addresses without allocating.</summary>
internal readonly struct IpValue : IEquatable<IpValue>
{
    /// <summary>Longest text form: eight groups of four hex digits and seven colons.</summary>
    public const int MaxTextLength = 39;

    private IpValue(bool isV6, ulong high, ulong low)
    {
        IsV6 = isV6;
        High = high;
        Low = low;
    }

    public bool IsV6 { get; }

    public ulong High { get; }

    /// <summary>The low 64 bits (the whole address for IPv4).</summary>
    public ulong Low { get; }

    public static IpValue V4(uint address) => new(false, 0, address);

    public static IpValue V4(byte a, byte b, byte c, byte d) => V4(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);

    public static IpValue V6(ulong high, ulong low) => new(true, high, low);

    public static bool TryParse(string text, out IpValue value)
    {
        value = default;
        if (!IPAddress.TryParse(text.Trim(), out var address))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        value = address.AddressFamily == AddressFamily.InterNetwork
            ? V4(BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : V6(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return true;
    }

    /// <summary>Orders addresses of the same family; IPv4 sorts before IPv6.</summary>
    public int CompareTo(IpValue other) =>
        IsV6 != other.IsV6 ? IsV6.CompareTo(other.IsV6) : High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>Writes the canonical text form (RFC 5952 for IPv6) as ASCII and returns the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Write(Span<byte> destination)
    {
        return IsV6 ? WriteV6(destination) : WriteV4(destination);
    }

    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        return System.Text.Encoding.ASCII.GetString(text[..Write(text)]);
    }

    public bool Equals(IpValue other) => IsV6 == other.IsV6 && High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is IpValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(IsV6, High, Low);

    private int WriteV4(Span<byte> destination)
    {
        var position = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            var octet = (int)(Low >> shift) & 0xff;
            if (octet >= 100)
            {
                destination[position++] = (byte)('0' + (octet / 100));
            }

            if (octet >= 10)
            {
                destination[position++] = (byte)('0' + (octet / 10 % 10));
            }

            destination[position++] = (byte)('0' + (octet % 10));
            if (shift > 0)
            {
                destination[position++] = (byte)'.';
            }
        }

        return position;
    }

    private int WriteV6(Span<byte> destination)
    {
        Span<int> groups = stackalloc int[8];
        for (var i = 0; i < 4; i++)
        {
            groups[i] = (int)(High >> (48 - (16 * i))) & 0xffff;
            groups[i + 4] = (int)(Low >> (48 - (16 * i))) & 0xffff;
        }

        var (zeroStart, zeroLength) = LongestZeroRun(groups);
        var position = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == zeroStart)
            {
                destination[position++] = (byte)':';
                if (i == 0)
                {
                    destination[position++] = (byte)':';
                }

                i += zeroLength - 1;
                continue;
            }

            position += WriteHexGroup(groups[i], destination[position..]);
            if (i < 7)
            {
                destination[position++] = (byte)':';
            }
        }

        return position;
    }

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<int> groups)
    {
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i] != 0)
            {
                continue;
            }

            var end = i;
            while (end < groups.Length && groups[end] == 0)
            {
                end++;
            }

            if (end - i > bestLength)
            {
                bestStart = i;
                bestLength = end - i;
            }

            i = end;
        }

        return bestLength >= 2 ? (bestStart, bestLength) : (-1, 0);
    }

    private static int WriteHexGroup(int group, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        var position = 0;
        var started = false;
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            var digit = (group >> shift) & 0xf;
            if (digit != 0 || started || shift == 0)
            {
                destination[position++] = (byte)digits[digit];
                started = true;
            }
        }

        return position;
    }
}
