using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions.Monitors;

/// <summary>
/// Addresses of an engine's networks: internal 10.site.0.0/16, DMZ 172.16.(site mod 16).0/24,
/// internal IPv6 fd12:3456:789a:site::/64; public addresses as the stored logs invent them.
/// </summary>
internal static class SessionAddresses
{
    public static IpValue Internal(EngineIdentity engine, ref HashStream hash) =>
        IpValue.V4(10, engine.Site, (byte)hash.Between(1, 254), (byte)hash.Between(2, 254));

    public static IpValue Dmz(EngineIdentity engine, ref HashStream hash) =>
        IpValue.V4(172, 16, (byte)(engine.Site % 16), (byte)hash.Between(10, 40));

    public static IpValue Public(ref HashStream hash)
    {
        var first = LogVocabulary.PublicFirstOctets[hash.Below(LogVocabulary.PublicFirstOctets.Length)];
        return IpValue.V4(first, (byte)hash.Below(256), (byte)hash.Below(256), (byte)hash.Between(1, 254));
    }

    /// <summary>An address of the engine's unique-local prefix; every group non-zero keeps the text uncompressed.</summary>
    public static IpValue InternalV6(EngineIdentity engine, ref HashStream hash) =>
        IpValue.V6(0xfd12_3456_789a_0000UL | engine.Site, NonZeroGroups(ref hash));

    /// <summary>An address of the documentation prefix 2001:db8::/32.</summary>
    public static IpValue PublicV6(ref HashStream hash) =>
        IpValue.V6(0x2001_0db8_0000_0000UL | ((ulong)hash.Between(1, 0xffff) << 16) | (uint)hash.Between(1, 0xffff), NonZeroGroups(ref hash));

    /// <summary>A link-local fe80::/64 address, as IPv6 neighbors usually show.</summary>
    public static IpValue LinkLocalV6(ref HashStream hash) => IpValue.V6(0xfe80_0000_0000_0000UL, NonZeroGroups(ref hash));

    private static ulong NonZeroGroups(ref HashStream hash) =>
        ((ulong)hash.Between(1, 0xffff) << 48) | ((ulong)hash.Between(1, 0xffff) << 32) | ((ulong)hash.Between(1, 0xffff) << 16) | (uint)hash.Between(1, 0xffff);
}
