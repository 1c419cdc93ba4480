using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmcMonitoring.Simulator.Fields;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>
/// REST answers of a hostile server, written piece by piece so that the simulator never holds them whole: a JSON body
/// that never ends, and one padded to an exact size.
/// </summary>
internal static class StreamedAnswers
{
    private const int PieceBytes = 64 * 1024;

    private static readonly byte[] PaddingStart = Encoding.ASCII.GetBytes(",\"padding\":\"");
    private static readonly byte[] PaddingEnd = Encoding.ASCII.GetBytes("\"}");
    private static readonly JsonSerializerOptions Options = new() { Encoder = JsonText.Encoder };

    /// <summary>
    /// Answers 200 (or the status already set) with a body that starts as <paramref name="start"/> and then repeats
    /// <paramref name="repeated"/> until the client goes away; when the simulator stops, the connection is aborted.
    /// </summary>
    public static async Task WriteEndlessAsync(HttpContext http, string start, string repeated, CancellationToken stopping)
    {
        var unit = Encoding.UTF8.GetBytes(repeated);
        var piece = new byte[Math.Max(1, PieceBytes / unit.Length) * unit.Length];
        for (var offset = 0; offset < piece.Length; offset += unit.Length)
        {
            unit.CopyTo(piece, offset);
        }

        http.Response.ContentType = JsonAnswers.ContentType;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(start), ended.Token);
            while (true)
            {
                ended.Token.ThrowIfCancellationRequested();
                await http.Response.Body.WriteAsync(piece, ended.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading, or the simulator is stopping: either way the answer ends unfinished.
            http.Abort();
        }
    }

    /// <summary>
    /// Answers 200 with <paramref name="body"/> padded by a huge string member to exactly <paramref name="size"/>
    /// bytes, when that is at least its natural size plus 13 bytes; otherwise with the body as it is.
    /// </summary>
    public static async Task WritePaddedAsync(HttpContext http, JsonObject body, int size, CancellationToken stopping)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, Options);
        var padding = (long)size - json.Length - PaddingStart.Length - PaddingEnd.Length + 1;
        if (padding < 0)
        {
            await JsonAnswers.WriteAsync(http, StatusCodes.Status200OK, body);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = JsonAnswers.ContentType;
        http.Response.ContentLength = size;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            var output = http.Response.Body;
            await output.WriteAsync(json.AsMemory(0, json.Length - 1), ended.Token);
            await output.WriteAsync(PaddingStart, ended.Token);
            var piece = new byte[(int)Math.Min(PieceBytes, Math.Max(1, padding))];
            Array.Fill(piece, (byte)'x');
            for (var left = padding; left > 0; left -= piece.Length)
            {
                await output.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)), ended.Token);
            }

            await output.WriteAsync(PaddingEnd, ended.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            http.Abort();
        }
    }
}
