using System;
using System.Runtime.InteropServices;

namespace SmcMonitoring.Protocol;

/// <summary>
/// Checks that a message is UTF-8 (RFC 3629: no overlongs, no surrogates). The JSON reader decodes string values
/// leniently, so without this check an invalid byte would silently become U+FFFD in a record. Messages are almost
/// all ASCII, which is checked eight bytes at a time.
/// </summary>
internal static class Utf8Text
{
    private const ulong HighBits = 0x8080808080808080UL;

    /// <summary>The offset of the first byte that does not belong to a valid UTF-8 sequence; -1 when all are valid.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if ((i & 7) == 0 && text.Length - i >= 8)
            {
                var words = MemoryMarshal.Cast<byte, ulong>(text.Slice(i));
                var w = 0;
                while (w < words.Length && (words[w] & HighBits) == 0) { w++; }
                i += w * 8;
                if (i >= text.Length) { break; }
            }
            var lead = text[i];
            if (lead < 0x80)
            {
                i++;
                continue;
            }
            int length;
            int min;
            if ((lead & 0xE0) == 0xC0) { length = 2; min = 0x80; }
            else if ((lead & 0xF0) == 0xE0) { length = 3; min = 0x800; }
            else if ((lead & 0xF8) == 0xF0) { length = 4; min = 0x10000; }
            else { return i; }
            if (i + length > text.Length) { return i; }
            var code = lead & (0xFF >> (length + 1));
            for (var k = 1; k < length; k++)
            {
                var next = text[i + k];
                if ((next & 0xC0) != 0x80) { return i; }
                code = (code << 6) | (next & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) { return i; }
            i += length;
        }
        return -1;
    }
}
