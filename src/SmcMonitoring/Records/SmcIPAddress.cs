using System;
using System.Net;
using System.Net.Sockets;

namespace SmcMonitoring.Records;

/// <summary>
/// An IP address from an SMC record. It is an <see cref="IPAddress"/> in every way (<c>-is [ipaddress]</c>, its text,
/// equality) and it also compares, so <c>Sort-Object Src</c> orders addresses by number, not by their text:
/// every IPv4 address before every IPv6 address, each family by its bytes from the first, then by IPv6 scope id.
/// An IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) is an IPv6 address in this order.
/// </summary>
public sealed class SmcIPAddress : IPAddress, IComparable, IComparable<IPAddress>
{
    /// <summary>An IPv4 address from its network-order value, as <see cref="IPAddress(long)"/> takes it.</summary>
    internal SmcIPAddress(long networkOrderIPv4) : base(networkOrderIPv4)
    {
    }

    /// <summary>The comparable twin of <paramref name="address"/>: the same family, bytes and IPv6 scope id.</summary>
    /// <param name="address">An IPv4 or IPv6 address.</param>
    /// <remarks>
    /// PowerShell uses this constructor (and <see cref="Parse(string)"/> for text) to bring the other side of a
    /// comparison to this type, so <c>$r.Src -eq '10.0.0.1'</c> is true as with any IP address, and
    /// <c>$r.Src -lt [ipaddress]'10.0.0.128'</c> orders the two.
    /// </remarks>
    public SmcIPAddress(IPAddress address) : base((address ?? throw new ArgumentNullException(nameof(address))).GetAddressBytes())
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6) { ScopeId = address.ScopeId; }
    }

    /// <summary>Reads an IPv4 or IPv6 address from its text, as <see cref="IPAddress.Parse(string)"/> does.</summary>
    /// <param name="ipString">The address text, such as <c>10.0.0.1</c> or <c>2001:db8::1</c>.</param>
    /// <exception cref="FormatException"><paramref name="ipString"/> is not an IP address.</exception>
    public static new SmcIPAddress Parse(string ipString) => new(IPAddress.Parse(ipString));

    /// <summary>The comparable twin of <paramref name="address"/> (itself when it already is one).</summary>
    internal static SmcIPAddress From(IPAddress address) => address as SmcIPAddress ?? new SmcIPAddress(address);

    /// <summary>
    /// Compares by number: IPv4 before IPv6, then the address bytes from the first, then the IPv6 scope id. Null
    /// sorts first.
    /// </summary>
    /// <param name="other">Any IP address (a plain <see cref="IPAddress"/> compares the same way).</param>
    public int CompareTo(IPAddress? other)
    {
        if (other is null) { return 1; }
        if (ReferenceEquals(this, other)) { return 0; }
        var family = FamilyRank(AddressFamily).CompareTo(FamilyRank(other.AddressFamily));
        if (family != 0) { return family; }
        if (AddressFamily == AddressFamily.InterNetwork)
        {
            return HostOrderIPv4(this).CompareTo(HostOrderIPv4(other));
        }
        var mine = GetAddressBytes();
        var theirs = other.GetAddressBytes();
        var length = Math.Min(mine.Length, theirs.Length);
        for (var i = 0; i < length; i++)
        {
            if (mine[i] != theirs[i]) { return mine[i].CompareTo(theirs[i]); }
        }
        return mine.Length != theirs.Length
            ? mine.Length.CompareTo(theirs.Length)
            : AddressFamily == AddressFamily.InterNetworkV6 ? ScopeId.CompareTo(other.ScopeId) : 0;
    }

    /// <summary>Compares with another IP address (see <see cref="CompareTo(IPAddress)"/>).</summary>
    /// <param name="obj">An <see cref="IPAddress"/> or null.</param>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither an IP address nor null.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        IPAddress address => CompareTo(address),
        _ => throw new ArgumentException($"An IP address compares only with another IP address, not with a {obj.GetType().FullName}.", nameof(obj)),
    };

    private static int FamilyRank(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 0,
        AddressFamily.InterNetworkV6 => 1,
        _ => 2,
    };

    // IPAddress.Address is obsolete only because it cannot hold IPv6; for IPv4 it reads the value without allocating.
#pragma warning disable CS0618
    private static uint HostOrderIPv4(IPAddress address) => (uint)NetworkToHostOrder((int)address.Address);
#pragma warning restore CS0618
}
