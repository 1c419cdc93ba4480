using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.CommandLine;

namespace SmcMonitoring.Simulator;

/// <summary>Runs the simulator from the command line until Ctrl+C or SIGTERM.</summary>
internal static class Program
{
    private const int ExitUsage = 2;
    private const int ExitStartFailed = 1;

    public static async Task<int> Main(string[] args)
    {
        var request = SimulatorCommandLine.Parse(args);
        if (request.ShowHelp)
        {
            Console.Out.Write(SimulatorCommandLine.Usage);
            return 0;
        }

        if (request.Options is null)
        {
            Console.Error.WriteLine(request.Error);
            Console.Error.WriteLine("Run with --help for the list of options.");
            return ExitUsage;
        }

        SmcSimulator simulator;
        try
        {
            simulator = await SmcSimulator.StartAsync(request.Options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitUsage;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Cannot listen on {request.Options.Host}:{request.Options.Port}: {e.Message}");
            return ExitStartFailed;
        }

        await using (simulator)
        {
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => StopOn(signal, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => StopOn(signal, stop));

            // The one place the key is printed: scripts read it from this first line.
            Console.Out.WriteLine($"SMC simulator listening on {simulator.BaseUrl.GetLeftPart(UriPartial.Authority)}{request.Options.PathBase} api-key {simulator.ApiKey}");
            Console.Out.Flush();
            await stop.Task;
        }

        return 0;
    }

    private static void StopOn(PosixSignalContext signal, TaskCompletionSource stop)
    {
        signal.Cancel = true;
        stop.TrySetResult();
    }
}
