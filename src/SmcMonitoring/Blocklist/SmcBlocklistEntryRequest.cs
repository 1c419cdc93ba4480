using System;
using System.Globalization;
using System.Text.Json;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Blocklist;

/// <summary>
/// A block-list entry to add, as Add-SmcBlocklistEntry sends it (and returns it with -PassThru): source and
/// destination (<c>any</c> or a CIDR network), optional ports of one protocol, and how long the entry lasts.
/// </summary>
public sealed class SmcBlocklistEntryRequest
{
    private const string Tcp = "TCP";
    private const string Udp = "UDP";

    private readonly BlocklistPorts? _sourcePorts;
    private readonly BlocklistPorts? _destinationPorts;

    private SmcBlocklistEntryRequest(string? engine, string source, string destination, BlocklistPorts? sourcePorts, BlocklistPorts? destinationPorts, string? protocol, TimeSpan duration)
    {
        Engine = engine;
        Source = source;
        Destination = destination;
        _sourcePorts = sourcePorts;
        _destinationPorts = destinationPorts;
        Protocol = protocol;
        Duration = duration;
    }

    /// <summary>The engine the entry is for; null for a global entry (every engine).</summary>
    public string? Engine { get; }

    /// <summary>True for a global entry, which the SMC applies on every engine.</summary>
    public bool Global => Engine is null;

    /// <summary>The source: <c>any</c> or a network in CIDR form such as <c>10.1.2.3/32</c>.</summary>
    public string Source { get; }

    /// <summary>The destination: <c>any</c> or a network in CIDR form.</summary>
    public string Destination { get; }

    /// <summary>The source port or range (<c>1000-1500</c>); null for every port.</summary>
    public string? SourcePort => _sourcePorts?.ToString();

    /// <summary>The destination port or range; null for every port.</summary>
    public string? DestinationPort => _destinationPorts?.ToString();

    /// <summary><c>TCP</c> or <c>UDP</c>, the protocol of the ports; null when the entry has no ports (every protocol).</summary>
    public string? Protocol { get; }

    /// <summary>How long the SMC keeps the entry.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Checks and normalizes an entry. Addresses default to <c>any</c>; ports need TCP or UDP (TCP when
    /// <paramref name="protocol"/> is not given, as the reference client); the protocol is dropped when there are no ports,
    /// because the SMC's entry has no protocol of its own.
    /// </summary>
    /// <exception cref="SmcException">A value is invalid, or the entry would block everything.</exception>
    internal static SmcBlocklistEntryRequest Create(string? engine, string? source, string? destination, string? sourcePort, string? destinationPort, string? protocol, TimeSpan duration)
    {
        var from = source is null ? BlocklistAddress.Any : BlocklistAddress.Parse(source, "Source");
        var to = destination is null ? BlocklistAddress.Any : BlocklistAddress.Parse(destination, "Destination");
        var sourcePorts = sourcePort is null ? (BlocklistPorts?)null : BlocklistPorts.Parse(sourcePort, "SourcePort");
        var destinationPorts = destinationPort is null ? (BlocklistPorts?)null : BlocklistPorts.Parse(destinationPort, "DestinationPort");
        var hasPorts = sourcePorts != null || destinationPorts != null;
        var portProtocol = hasPorts ? ProtocolOf(protocol) : null;
        if (from == BlocklistAddress.Any && to == BlocklistAddress.Any && !hasPorts)
        {
            throw SmcErrors.BlocklistEntryTooBroad.Create(
                $"An entry from any source to any destination on every port would block all traffic {(engine is null ? "on every engine" : "through " + engine)}. Give -Source, -Destination or a port.");
        }
        return new SmcBlocklistEntryRequest(engine, from, to, sourcePorts, destinationPorts, portProtocol, CheckDuration(duration));
    }

    /// <summary>Writes the entry exactly as the reference client's <c>prepare_block_list</c> builds it (docs/protocol.md 2.10a).</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteEndPoint(writer, "end_point1", Source, _sourcePorts);
        WriteEndPoint(writer, "end_point2", Destination, _destinationPorts);
        writer.WriteNumber("duration", (long)Duration.TotalSeconds);
        writer.WriteEndObject();
    }

    /// <summary>One line for -WhatIf, -Verbose and errors: <c>10.1.2.3/32 -&gt; any port 443/TCP for 01:00:00</c>.</summary>
    internal string Describe()
    {
        var text = Side(Source, SourcePort) + " -> " + Side(Destination, DestinationPort);
        if (Protocol != null) { text += " (" + Protocol + ")"; }
        return text + " for " + Duration.ToString("c", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static string Side(string address, string? ports) => ports is null ? address : address + " port " + ports;

    private void WriteEndPoint(Utf8JsonWriter writer, string name, string address, BlocklistPorts? ports)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        if (address == BlocklistAddress.Any)
        {
            writer.WriteString("address_mode", "any");
        }
        else
        {
            writer.WriteString("address_mode", "address");
            writer.WriteString("ip_network", address);
        }
        if (ports is { } range)
        {
            writer.WriteNumber("port1", range.First);
            writer.WriteNumber("port2", range.Last);
            writer.WriteString("port_mode", Protocol == Udp ? "predefined_udp" : "predefined_tcp");
        }
        writer.WriteEndObject();
    }

    private static string ProtocolOf(string? protocol)
    {
        switch (protocol?.Trim().ToUpperInvariant())
        {
            case null or "" or Tcp or "6": return Tcp;
            case Udp or "17": return Udp;
            default:
                throw SmcErrors.BlocklistProtocolInvalid.Create(
                    $"-Protocol '{protocol}' cannot go with ports: the SMC blocks ports of TCP or UDP only. Give -Protocol Tcp or Udp, or no ports to block every protocol.");
        }
    }

    private static TimeSpan CheckDuration(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerSecond != 0 || duration < TimeSpan.FromSeconds(1) || duration.TotalSeconds > int.MaxValue)
        {
            throw SmcErrors.BlocklistDurationInvalid.Create(
                $"-Duration {duration.ToString("c", CultureInfo.InvariantCulture)} is not a block-list duration: give whole seconds, from 1 second to {int.MaxValue} seconds, for example (New-TimeSpan -Hours 1) or '01:00:00'. A bare number such as 3600 becomes ticks, not seconds.");
        }
        return duration;
    }
}
