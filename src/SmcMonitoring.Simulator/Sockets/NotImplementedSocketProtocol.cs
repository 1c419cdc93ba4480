using System.Text.Json;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Hosting;

namespace SmcMonitoring.Simulator.Sockets;

/// <summary>The session-monitor and notification sockets until they are built: authenticated and routed, every request fails.</summary>
internal sealed class NotImplementedSocketProtocol : FetchingSocketProtocol
{
    public NotImplementedSocketProtocol(MonitoringSocket socket, SimulatorContext context)
        : base(socket, context)
    {
    }

    protected override Task HandleRequestAsync(JsonElement request) => throw new RequestRejectedException("not implemented yet");
}
