using System.Text.Json;

namespace SmcMonitoring.Queries;

/// <summary>How the SMC renders values in <c>texts</c> and <c>detailed</c> formats (the <c>resolving</c> object).</summary>
internal sealed class ResolvingOptions
{
    /// <summary>The zone typed records ask for: times rendered in it, zone shown, are exact instants.</summary>
    public const string Utc = "UTC";

    /// <summary>Show sender names instead of ids (on by default, as in the reference client).</summary>
    public bool Senders { get; set; } = true;

    /// <summary>Time zone for time values, for example <c>Europe/Helsinki</c> or <c>CST</c>; null = the SMC's own.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Append the zone to time values; null = on whenever <see cref="TimeZone"/> is set, as the reference does.</summary>
    public bool? TimeShowZone { get; set; }

    /// <summary>Show milliseconds in time values.</summary>
    public bool? TimeShowMillis { get; set; }

    /// <summary>Turn key-type values into their labels.</summary>
    public bool? Keys { get; set; }

    /// <summary>Show the element name of addresses that belong to a known element.</summary>
    public bool? IpElements { get; set; }

    /// <summary>Reverse-DNS lookup of addresses.</summary>
    public bool? IpDns { get; set; }

    /// <summary>Add the geographic location of addresses.</summary>
    public bool? IpLocations { get; set; }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("resolving");
        writer.WriteBoolean("senders", Senders);
        if (TimeZone != null)
        {
            writer.WriteString("timezone", TimeZone);
            writer.WriteBoolean("time_show_zone", TimeShowZone ?? true);
        }
        else if (TimeShowZone is { } showZone) { writer.WriteBoolean("time_show_zone", showZone); }
        Write(writer, "time_show_millis", TimeShowMillis);
        Write(writer, "keys", Keys);
        Write(writer, "ip_elements", IpElements);
        Write(writer, "ip_dns", IpDns);
        Write(writer, "ip_locations", IpLocations);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } set) { writer.WriteBoolean(name, set); }
    }
}
