using System.Text.Json;

namespace SmcMonitoring.Simulator.Formats;

/// <summary>
/// Record keys that are not fields and keep their names whatever the <c>field_format</c> (docs/protocol.md 6.2):
/// an element href that travels with the fields, and the row identity that belongs to the record as a whole.
/// </summary>
internal interface IRecordKeys
{
    /// <summary>Writes the keys that sit among the fields (<c>block_list_href</c>, <c>vpn_sa_href</c>), if any.</summary>
    void WriteFieldKeys(Utf8JsonWriter writer);

    /// <summary>Writes the keys of the whole record (<c>delta_key</c>, <c>first_fetch</c>).</summary>
    void WriteRecordKeys(Utf8JsonWriter writer);
}
