using System.Text.Json;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Records;

/// <summary>
/// A text value of the simulator's vocabulary (event, service, action label ...), encoded for JSON once.
/// Labelled constants (actions, severities, protocols) also carry their numeric code.
/// </summary>
internal sealed class Term
{
    public Term(string text, long? code = null)
    {
        Text = text;
        Code = code;
        Json = JsonEncodedText.Encode(text, JsonText.Encoder);
    }

    public string Text { get; }

    /// <summary>The numeric constant behind a label, for raw output and constant filters.</summary>
    public long? Code { get; }

    public JsonEncodedText Json { get; }

    public override string ToString() => Text;
}
