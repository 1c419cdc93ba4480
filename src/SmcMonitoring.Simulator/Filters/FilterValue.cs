using System;
using System.Globalization;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Filters;

/// <summary>A value node of a filter (docs/protocol.md 5.2), compared with a record's field value.</summary>
internal abstract class FilterValue
{
    public abstract bool Matches(in FieldValue value, RecordBuffer record);

    /// <summary>The texts-format rendering of a value (times as epoch ms), for LIKE patterns.</summary>
    public static string TextOf(in FieldValue value) => value.Kind switch
    {
        ValueKind.Time or ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Ip => value.Ip.ToString(),
        ValueKind.Text or ValueKind.Sender or ValueKind.EntryId => value.Term!.Text,
        _ => string.Empty,
    };
}

/// <summary>An address, a CIDR network, or an inclusive address range; matches IP fields and the sender's address.</summary>
internal sealed class IpFilterValue(IpValue low, IpValue high) : FilterValue
{
    public static IpFilterValue Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IpValue.TryParse(addressText, out var address))
        {
            throw new RequestRejectedException($"'{text}' is not an IP address or CIDR network");
        }

        if (slash < 0)
        {
            return new IpFilterValue(address, address);
        }

        var bits = address.IsV6 ? 128 : 32;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > bits)
        {
            throw new RequestRejectedException($"'{text}' has an invalid prefix length (0 to {bits})");
        }

        return Network(address, prefix);
    }

    public static IpFilterValue Range(IpValue first, IpValue last) =>
        first.IsV6 == last.IsV6 && first.CompareTo(last) <= 0
            ? new IpFilterValue(first, last)
            : throw new RequestRejectedException($"'{first}'-'{last}' is not an address range");

    public override bool Matches(in FieldValue value, RecordBuffer record) =>
        value.Kind is ValueKind.Ip or ValueKind.Sender
        && value.Ip.IsV6 == low.IsV6
        && value.Ip.CompareTo(low) >= 0
        && value.Ip.CompareTo(high) <= 0;

    private static IpFilterValue Network(IpValue address, int prefix)
    {
        var hostBits = (address.IsV6 ? 128 : 32) - prefix;
        if (!address.IsV6)
        {
            var mask = hostBits == 32 ? 0UL : (0xFFFF_FFFFUL << hostBits) & 0xFFFF_FFFFUL;
            return new IpFilterValue(IpValue.V4((uint)(address.Low & mask)), IpValue.V4((uint)((address.Low & mask) | (~mask & 0xFFFF_FFFFUL))));
        }

        var highHostMask = hostBits >= 128 ? ulong.MaxValue : hostBits <= 64 ? 0UL : ulong.MaxValue >> (128 - hostBits);
        var lowHostMask = hostBits >= 64 ? ulong.MaxValue : hostBits == 0 ? 0UL : ulong.MaxValue >> (64 - hostBits);
        return new IpFilterValue(
            IpValue.V6(address.High & ~highHostMask, address.Low & ~lowHostMask),
            IpValue.V6(address.High | highHostMask, address.Low | lowHostMask));
    }
}

/// <summary>A number or constant: matches numbers, times (epoch ms) and the code behind labelled values.</summary>
internal sealed class NumberFilterValue(long number) : FilterValue
{
    public override bool Matches(in FieldValue value, RecordBuffer record) => value.Kind switch
    {
        ValueKind.Number or ValueKind.Time or ValueKind.EntryId => value.Number == number,
        ValueKind.Text => value.Term!.Code == number,
        _ => false,
    };
}

/// <summary>
/// An exact string: matches the text a value is shown as, numbers by their digits, and addresses (a sender's too)
/// by their address, since clients that only know a field as text send addresses as strings.
/// </summary>
internal sealed class StringFilterValue : FilterValue
{
    private readonly string text;
    private readonly long? number;
    private readonly IpValue? address;

    public StringFilterValue(string text)
    {
        this.text = text;
        number = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsedNumber) ? parsedNumber : null;
        address = IpValue.TryParse(text, out var parsedAddress) ? parsedAddress : null;
    }

    public override bool Matches(in FieldValue value, RecordBuffer record) => value.Kind switch
    {
        ValueKind.Text => string.Equals(value.Term!.Text, text, StringComparison.Ordinal),
        ValueKind.Sender => string.Equals(value.Term!.Text, text, StringComparison.Ordinal) || (address is { } a && value.Ip.Equals(a)),
        ValueKind.Number => value.Number == number,
        ValueKind.EntryId => string.Equals(value.Term!.Text, text, StringComparison.Ordinal) || value.Number == number,
        ValueKind.Ip => address is { } b && value.Ip.Equals(b),
        _ => false,
    };
}

/// <summary>
/// A service as <c>PROTO/port</c> (ICMP: <c>ICMP/type[/code]</c>): matches on the record's protocol and
/// destination port, whichever field it is compared with. Every ICMP record of the simulator is an echo request (8/0).
/// </summary>
internal sealed class ServiceFilterValue : FilterValue
{
    private const int ProtocolFieldId = 11;
    private const int DestinationPortFieldId = 10;
    private const int IcmpProtocolNumber = 1;

    private readonly string protocol;
    private readonly long? port;
    private readonly long? code;
    private readonly int protocolSlot;
    private readonly int destinationPortSlot;

    public ServiceFilterValue(string text, RecordShape shape)
    {
        protocolSlot = shape.SlotOf(ProtocolFieldId);
        destinationPortSlot = shape.SlotOf(DestinationPortFieldId);
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || (parts.Length == 3 && !parts[0].Equals("ICMP", StringComparison.OrdinalIgnoreCase)))
        {
            throw new RequestRejectedException($"'{text}' is not a service (expected PROTO/port, or ICMP/type[/code])");
        }

        protocol = parts[0];
        port = ParsePart(parts[1], text);
        code = parts.Length == 3 ? ParsePart(parts[2], text) : null;
    }

    public override bool Matches(in FieldValue value, RecordBuffer record)
    {
        if (protocolSlot < 0)
        {
            return false;
        }

        var recordProtocol = record.Values[protocolSlot];
        if (!recordProtocol.IsPresent || !recordProtocol.Term!.Text.Equals(protocol, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (recordProtocol.Term.Code == IcmpProtocolNumber)
        {
            return port == 8 && (code ?? 0) == 0;
        }

        return destinationPortSlot >= 0 && record.Values[destinationPortSlot].IsPresent && record.Values[destinationPortSlot].Number == port;
    }

    private static long ParsePart(string part, string text) =>
        long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new RequestRejectedException($"'{text}' is not a service (expected PROTO/port, or ICMP/type[/code])");
}

/// <summary>
/// An engine element: matches the senders that are that engine's nodes (by name, or by address in raw output), or,
/// when the simulator plays an SMC that does not resolve engines for senders, nothing.
/// </summary>
internal sealed class EngineElementFilterValue(string[] nodeNames, IpValue[] nodeAddresses, bool matchesNothing) : FilterValue
{
    public override bool Matches(in FieldValue value, RecordBuffer record)
    {
        if (matchesNothing || value.Kind != ValueKind.Sender)
        {
            return false;
        }

        return Array.IndexOf(nodeNames, value.Term!.Text) >= 0 || Array.IndexOf(nodeAddresses, value.Ip) >= 0;
    }
}
