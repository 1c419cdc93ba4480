using System.Text.Encodings.Web;
using System.Text.Json;

namespace SmcMonitoring.Simulator.Fields;

/// <summary>The JSON escaping every simulator answer uses.</summary>
internal static class JsonText
{
    /// <summary>
    /// Escapes only what JSON requires: the default encoder would write "+02:00" as "\u002B02:00",
    /// which is valid but not what an SMC sends.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };

    public static JsonWriterOptions FastWriterOptions { get; } = new() { Encoder = Encoder, SkipValidation = true };
}
