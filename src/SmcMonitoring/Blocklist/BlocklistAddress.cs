using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Blocklist;

/// <summary>
/// An end point address of a block-list entry as the SMC takes it: <c>any</c>, or a network in CIDR form (a bare
/// address is its own /32 or /128 network).
/// </summary>
internal static class BlocklistAddress
{
    /// <summary>Any address (<c>{"address_mode":"any"}</c>).</summary>
    public const string Any = "any";

    /// <summary>
    /// <c>any</c> or the CIDR form of <paramref name="text"/>: <c>10.1.2.3</c> becomes <c>10.1.2.3/32</c>. IPv4 needs all
    /// four parts (the short forms IPAddress accepts, where <c>10.1</c> means 10.0.0.1, are refused), and a network may
    /// not have host bits set, so that a typing slip never blocks another address than the one meant.
    /// </summary>
    /// <param name="text">The address, as given.</param>
    /// <param name="parameter">The parameter it came from, for the error.</param>
    public static string Parse(string text, string parameter)
    {
        var value = text.Trim();
        if (string.Equals(value, Any, System.StringComparison.OrdinalIgnoreCase)) { return Any; }
        var slash = value.IndexOf('/');
        var addressText = slash < 0 ? value : value.Substring(0, slash);
        if (!TryParseAddress(addressText, out var address))
        {
            throw Invalid(text, parameter, "it is not an IP address");
        }
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = maxPrefix;
        if (slash >= 0 && !(int.TryParse(value.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= maxPrefix))
        {
            throw Invalid(text, parameter, $"the prefix length after '/' must be a number from 0 to {maxPrefix}");
        }
        var network = NetworkOf(address, prefix);
        if (!network.Equals(address))
        {
            throw SmcErrors.BlocklistAddressInvalid.Create(
                $"-{parameter} '{text}' has host bits set after the /{prefix} prefix. Did you mean the network {network}/{prefix}, or the host {address}?");
        }
        return $"{address}/{prefix}";
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IndexOf(':') >= 0)
        {
            return text.IndexOf('%') < 0 && IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) { return false; }
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _)) { return false; }
        }
        return IPAddress.TryParse(text, out address!);
    }

    private static IPAddress NetworkOf(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = prefix - (i * 8);
            bytes[i] &= keep >= 8 ? (byte)0xFF : keep <= 0 ? (byte)0 : (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    private static SmcException Invalid(string text, string parameter, string why) => SmcErrors.BlocklistAddressInvalid.Create(
        $"-{parameter} '{text}' is not a block-list address: {why}. Give an IP address (10.1.2.3 or 2001:db8::1), a network in CIDR form (10.1.0.0/16) or 'any'.");
}
