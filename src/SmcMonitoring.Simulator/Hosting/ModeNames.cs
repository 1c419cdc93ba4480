using System;
using System.Text;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>
/// The spelling of the simulator's mode values on the command line and in <c>/_simulator/faults</c>: the member name
/// in lower case with a dash between words (<c>OtherFetch</c> is <c>other-fetch</c>, <c>Base64</c> is <c>base64</c>).
/// </summary>
internal static class ModeNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>The value spelled <paramref name="text"/> (case ignored; the member name itself is accepted too).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(text, Of(candidate), StringComparison.OrdinalIgnoreCase) || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Every spelling, for messages: <c>none, array, other-fetch</c>.</summary>
    public static string List<T>()
        where T : struct, Enum => string.Join(", ", Array.ConvertAll(Enum.GetValues<T>(), Of));
}
