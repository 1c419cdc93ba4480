using System;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The frames <see cref="SimulatorFaults"/> injects before the answer to a query or subscription.</summary>
internal static class FaultFrames
{
    private const string PaddingStart = "{\"padding\":\"";
    private const string PaddingEnd = "\"}";

    /// <summary>The malformed frames, in the order they cycle through.</summary>
    private static readonly (byte[] Bytes, WebSocketMessageType Type)[] Malformed =
    {
        (Encoding.UTF8.GetBytes("{\"fetch\":1,\"records\":[{\"Src\":\"10.0."), WebSocketMessageType.Text),
        (Encoding.UTF8.GetBytes("[\"not\",\"an\",\"object\"]"), WebSocketMessageType.Text),
        (new byte[] { 0xFF, 0xFE, 0x00, 0x13, 0x37, 0xC0, 0xAF, 0x80, 0x7B, 0x00 }, WebSocketMessageType.Binary),
        (Encoding.UTF8.GetBytes("{\"fetch\":\"x\",\"records\":\"x\",\"success\":5,\"end\":[]}"), WebSocketMessageType.Text),
    };

    /// <summary>Sends the oversized message and the malformed frames the faults ask for (nothing when they ask for none).</summary>
    public static async Task SendBeforeAnswerAsync(MonitoringSocket socket, SimulatorFaults faults)
    {
        if (faults.OversizedMessageBytes is > 0 and var size)
        {
            await socket.SendAsync(Oversized(size));
        }

        for (var i = 0; i < faults.MalformedMessages; i++)
        {
            var (bytes, type) = Malformed[i % Malformed.Length];
            await socket.SendAsync(bytes, type);
        }
    }

    /// <summary>
    /// The bogus end frame of <see cref="SimulatorFaults.EndFrame"/>, right after "Fetch started", when the fault is
    /// set (taking it clears it): <c>{"fetch":F,"end":[]}</c>, or an ordinary end of another fetch id.
    /// </summary>
    public static Task SendBogusEndAsync(MonitoringSocket socket, SimulatorContext context, int fetchId)
    {
        var kind = context.Faults.TakeEndFrame();
        if (kind == BogusEndFrame.None)
        {
            return Task.CompletedTask;
        }

        var otherId = fetchId == int.MaxValue ? fetchId - 1 : fetchId == -1 ? 1 : fetchId + 1;
        context.Recorder.Note("fault", socket.Path, new JsonObject { ["fault"] = "EndFrame", ["value"] = ModeNames.Of(kind), ["fetch"] = fetchId });
        return socket.SendAsync(kind == BogusEndFrame.Array
            ? Encoding.ASCII.GetBytes($"{{\"fetch\":{fetchId},\"end\":[]}}")
            : SocketMessages.End(otherId, "end of data"));
    }

    /// <summary>Valid JSON of exactly <paramref name="size"/> bytes (at least the 14 of an empty padding): <c>{"padding":"xxx..."}</c>.</summary>
    public static byte[] Oversized(int size)
    {
        var length = Math.Max(size, PaddingStart.Length + PaddingEnd.Length);
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(PaddingStart, bytes);
        bytes.AsSpan(PaddingStart.Length, length - PaddingStart.Length - PaddingEnd.Length).Fill((byte)'x');
        Encoding.ASCII.GetBytes(PaddingEnd, bytes.AsSpan(length - PaddingEnd.Length));
        return bytes;
    }
}
