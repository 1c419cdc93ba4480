using System;

namespace SmcMonitoring.Simulator;

/// <summary>A websocket request the simulator refuses; its message becomes the <c>failure</c> text sent back.</summary>
internal sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(string message)
        : base(message)
    {
    }
}
