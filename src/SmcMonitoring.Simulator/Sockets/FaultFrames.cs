using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Tasks;

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
