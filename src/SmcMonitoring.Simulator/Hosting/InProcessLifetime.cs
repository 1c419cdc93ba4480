using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SmcMonitoring.Simulator.Hosting;

/// <summary>
/// Replaces the console lifetime: a simulator started inside a test host must not take over its Ctrl+C or SIGTERM.
/// The command line handles signals itself.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
