using System.Globalization;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Blocklist;

/// <summary>The ports of a block-list end point: one port, or a range such as <c>1000-1500</c> (both ends included).</summary>
internal readonly struct BlocklistPorts
{
    private BlocklistPorts(int first, int last)
    {
        First = first;
        Last = last;
    }

    /// <summary>The first port (<c>port1</c>).</summary>
    public int First { get; }

    /// <summary>The last port (<c>port2</c>; the same as the first for one port).</summary>
    public int Last { get; }

    /// <summary>Parses <c>443</c> or <c>1000-1500</c>.</summary>
    /// <param name="text">The port or range, as given.</param>
    /// <param name="parameter">The parameter it came from, for the error.</param>
    public static BlocklistPorts Parse(string text, string parameter)
    {
        var value = text.Trim();
        var dash = value.IndexOf('-');
        var firstText = dash < 0 ? value : value.Substring(0, dash);
        var lastText = dash < 0 ? value : value.Substring(dash + 1);
        if (!TryPort(firstText, out var first) || !TryPort(lastText, out var last))
        {
            throw SmcErrors.BlocklistPortInvalid.Create(
                $"-{parameter} '{text}' is not a port: give a number from 1 to 65535 (443) or a range of them (1000-1500).");
        }
        if (first > last)
        {
            throw SmcErrors.BlocklistPortInvalid.Create($"-{parameter} '{text}' is a range that ends before it starts: write it as {last}-{first}.");
        }
        return new BlocklistPorts(first, last);
    }

    /// <inheritdoc/>
    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : First.ToString(CultureInfo.InvariantCulture) + "-" + Last.ToString(CultureInfo.InvariantCulture);

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
