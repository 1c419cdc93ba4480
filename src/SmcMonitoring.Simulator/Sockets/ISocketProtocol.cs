using System.Threading.Tasks;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>What one kind of socket (log, session, notification) does with the client's messages.</summary>
internal interface ISocketProtocol
{
    /// <summary>Handles one client text message; long work (a fetch) runs in the background so aborts are still read.</summary>
    Task HandleAsync(string message);

    /// <summary>Stops all background work and waits for it; nothing is sent afterwards. Safe to call twice.</summary>
    Task StopAsync();
}
