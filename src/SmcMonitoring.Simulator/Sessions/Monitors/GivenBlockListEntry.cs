using System.Globalization;
using System.Text.Json;
using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>One end of a POSTed block-list entry: a network (any = 0.0.0.0/0) and its ports, if any.</summary>
/// <param name="Address">The network address.</param>
/// <param name="Prefix">Its prefix length.</param>
/// <param name="FirstPort">port1, or 0 for every port.</param>
/// <param name="LastPort">port2 (the same as port1 for one port).</param>
internal readonly record struct GivenEndPoint(IpValue Address, int Prefix, int FirstPort, int LastPort);

/// <summary>
/// A block-list entry a REST client POSTed (docs/protocol.md 2.10a), as its row in the BLOCK_LIST table shows it:
/// <c>{"end_point1":{...},"end_point2":{...},"duration":N}</c>, each end point
/// <c>{"address_mode":"any"}</c> or <c>{"address_mode":"address","ip_network":"CIDR"}</c> with optional
/// <c>port1</c>, <c>port2</c> and <c>port_mode</c> (<c>predefined_tcp</c> or <c>predefined_udp</c>).
/// </summary>
internal sealed record GivenBlockListEntry(GivenEndPoint Source, GivenEndPoint Destination, Term? Protocol, int DurationSeconds)
{
    /// <summary>Reads one entry; returns what is wrong with it (the SMC's error detail), or null.</summary>
    public static string? TryParse(JsonElement entry, out GivenBlockListEntry? parsed)
    {
        parsed = null;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return "An entry must be a JSON object with end_point1, end_point2 and duration.";
        }

        if (EndPoint(entry, "end_point1", out var source, out var sourceMode) is { } sourceProblem)
        {
            return sourceProblem;
        }

        if (EndPoint(entry, "end_point2", out var destination, out var destinationMode) is { } destinationProblem)
        {
            return destinationProblem;
        }

        if (!entry.TryGetProperty("duration", out var duration) || !duration.TryGetInt32(out var seconds) || seconds < 1)
        {
            return "duration must be a whole number of seconds, at least 1.";
        }

        if (sourceMode is not null && destinationMode is not null && sourceMode != destinationMode)
        {
            return "port_mode must be the same on both end points.";
        }

        var mode = sourceMode ?? destinationMode;
        var protocol = mode is null ? null : mode == "predefined_udp" ? LogVocabulary.Udp : LogVocabulary.Tcp;
        parsed = new GivenBlockListEntry(source, destination, protocol, seconds);
        return null;
    }

    private static string? EndPoint(JsonElement entry, string name, out GivenEndPoint endPoint, out string? portMode)
    {
        endPoint = default;
        portMode = null;
        if (!entry.TryGetProperty(name, out var end) || end.ValueKind != JsonValueKind.Object)
        {
            return $"{name} is missing: an object with address_mode.";
        }

        var address = IpValue.V4(0);
        var prefix = 0;
        switch (end.TryGetProperty("address_mode", out var mode) && mode.ValueKind == JsonValueKind.String ? mode.GetString() : null)
        {
            case "any":
                break;
            case "address":
                var network = end.TryGetProperty("ip_network", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : string.Empty;
                var slash = network.IndexOf('/', System.StringComparison.Ordinal);
                if (slash < 0 || !IpValue.TryParse(network[..slash], out address)
                    || !int.TryParse(network[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > (address.IsV6 ? 128 : 32))
                {
                    return $"{name}.ip_network '{network}' is not a network in CIDR form such as 10.1.2.3/32.";
                }

                break;
            default:
                return $"{name}.address_mode must be \"any\" or \"address\".";
        }

        var first = 0;
        var last = 0;
        if (end.TryGetProperty("port1", out var port1))
        {
            if (!port1.TryGetInt32(out first) || first is < 1 or > 65535
                || !end.TryGetProperty("port2", out var port2) || !port2.TryGetInt32(out last) || last < first || last > 65535)
            {
                return $"{name}: port1 and port2 must be numbers from 1 to 65535, port2 not below port1.";
            }

            portMode = end.TryGetProperty("port_mode", out var modeText) && modeText.ValueKind == JsonValueKind.String ? modeText.GetString() : null;
            if (portMode is not ("predefined_tcp" or "predefined_udp"))
            {
                return $"{name}.port_mode must be \"predefined_tcp\" or \"predefined_udp\" with ports.";
            }
        }

        endPoint = new GivenEndPoint(address, prefix, first, last);
        return null;
    }
}
