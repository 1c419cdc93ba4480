using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

[Collection(SimulatorCollection.Name)]
public sealed class ReliabilityTests
{
    private readonly SimulatorFixture _fixture;

    public ReliabilityTests(SimulatorFixture fixture) => _fixture = fixture;

    private SmcSession Connect() => _fixture.Connect();

    [Fact]
    public void Eight_parallel_queries_on_one_session_return_complete_results_in_powershell()
    {
        var session = Connect();
        try
        {
            var output = _fixture.Host.RunClean(
                "1..8 | ForEach-Object -ThrottleLimit 8 -Parallel { Import-Module $using:manifest; $n = 100 + $_; [pscustomobject]@{ N = $n; Count = (Get-SmcLog -Session $using:s -MaxRecords $n -Oldest | Measure-Object).Count; First = (Get-SmcLog -Session $using:s -MaxRecords 1 -Oldest).Timestamp } }",
                new Dictionary<string, object?> { ["s"] = session, ["manifest"] = PowerShellHost.ManifestPath });
            Assert.Equal(8, output.Count);
            foreach (var result in output)
            {
                Assert.Equal((int)result.Properties["N"].Value, (int)result.Properties["Count"].Value);
                Assert.Equal(SimulatorFixture.LogEnd.UtcDateTime.AddSeconds(-4999), ((DateTime)result.Properties["First"].Value).ToUniversalTime());
            }
        }
        finally
        {
            session.Dispose();
        }
    }

    [Fact]
    public async Task Eight_parallel_queries_on_one_session_from_csharp()
    {
        var session = await SmcSession.ConnectAsync(new SmcConnectionSettings
        {
            Url = _fixture.Simulator.BaseUrl,
            ApiKey = SmcConfigurationReader.ToSecureString(_fixture.Simulator.ApiKey),
        }, CancellationToken.None);
        try
        {
            var counts = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
            {
                var query = new LogQuery { Quantity = 500 + i, Backwards = false };
                foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
                var plan = new QueryPlan("logs", query.ToRequestJson(), QueryKind.Stored, () => new TypedRecordSink(LogShapes.Default, (s, v) => new SmcLogRecord(s, v)));
                using var runner = new QueryRunner(plan, new SessionConnector(session, LogQuery.SocketPath));
                var timestamps = new List<DateTime>();
                QueryEnd? end = null;
                while (await runner.NextAsync(CancellationToken.None) is { } next)
                {
                    if (next.Kind == QueryEventKind.End) { end = next.End; }
                    for (var r = 0; r < next.RecordCount; r++) { timestamps.Add(((SmcRecord)next.Records![r]!).GetValue<DateTime>("Timestamp")!.Value); }
                }
                Assert.Equal(QueryEndReason.Completed, end!.Reason);
                Assert.Equal(timestamps.OrderBy(t => t), timestamps);
                Assert.Equal(timestamps.Count, timestamps.Distinct().Count());
                return timestamps.Count;
            }));
            Assert.Equal(Enumerable.Range(1, 8).Select(i => 500 + i), counts);
            Assert.Equal(0, session.OpenSocketCount);
        }
        finally
        {
            await session.DisconnectAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Fifty_queries_stopped_each_of_three_ways_leave_no_socket_or_thread_behind()
    {
        var session = Connect();
        var variables = new Dictionary<string, object?> { ["s"] = session };
        try
        {
            // Warm up, so the thread pool and the runspace have their steady-state threads.
            _fixture.Host.RunClean("Get-SmcLog -Session $s -Live | Select-Object -First 1 | Out-Null", variables);
            var threadsBefore = Process.GetCurrentProcess().Threads.Count;
            var socketsBefore = OpenTcpSockets();
            for (var i = 0; i < 50; i++)
            {
                _fixture.Host.RunClean("Get-SmcLog -Session $s -Live | Select-Object -First 1 | Out-Null", variables);
                _fixture.Host.RunClean("Get-SmcLog -Session $s -Live -Duration 0.05 | Out-Null", variables);
                StopWithCtrlC(session);
            }
            Assert.True(SpinWait.SpinUntil(() => session.OpenSocketCount == 0, TimeSpan.FromSeconds(10)), $"{session.OpenSocketCount} query sockets are still open");
            var aborts = _fixture.Simulator.Requests.Count(r => r.Kind == "ws" && r.Body != null && r.Body.Contains("\"abort\""));
            Assert.True(aborts >= 150, $"only {aborts} aborts reached the simulator for 150 stopped queries");
            Assert.True(SpinWait.SpinUntil(() => OpenTcpSockets() <= socketsBefore + 4, TimeSpan.FromSeconds(20)), $"TCP sockets grew from {socketsBefore} to {OpenTcpSockets()}");
            Assert.True(SpinWait.SpinUntil(() => Process.GetCurrentProcess().Threads.Count <= threadsBefore + 8, TimeSpan.FromSeconds(20)),
                $"threads grew from {threadsBefore} to {Process.GetCurrentProcess().Threads.Count}");
        }
        finally
        {
            session.Dispose();
        }
    }

    [Fact]
    public void A_verbose_and_debug_session_never_shows_the_key_or_the_cookie()
    {
        var requestLog = Path.GetTempFileName();
        try
        {
            var output = _fixture.Host.RunClean(
                "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; " +
                "& { $s = Connect-SmcSession -Url $url -ApiKey $key -Verbose -Debug; $s; $s | Format-List * | Out-String; Get-SmcLog -Session $s -MaxRecords 2 -Verbose -Debug; " +
                "Get-SmcLog -Session $s -Field Srcc -ErrorAction SilentlyContinue; $Error[0] | Out-String; Disconnect-SmcSession $s -Verbose -Debug } *>&1",
                new Dictionary<string, object?> { ["url"] = _fixture.Simulator.BaseUrl.ToString(), ["key"] = _fixture.Simulator.ApiKey });
            var session = output.Select(o => o.BaseObject).OfType<SmcSession>().Single();
            var text = string.Join("\n", output.Select(o => o.BaseObject switch
            {
                ErrorRecord error => error + " " + error.Exception,
                InformationalRecord info => info.Message,
                _ => o.ToString(),
            }));
            Assert.Contains("Connecting to", text);
            Assert.DoesNotContain(_fixture.Simulator.ApiKey, text);
            Assert.False(string.IsNullOrEmpty(session.SessionCookie));
            Assert.DoesNotContain(session.SessionCookie!, text);
            Assert.All(_fixture.Simulator.Requests, r => Assert.DoesNotContain(_fixture.Simulator.ApiKey, (r.Body ?? string.Empty) + r.Query));
        }
        finally
        {
            File.Delete(requestLog);
        }
    }

    private void StopWithCtrlC(SmcSession session)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _fixture.Host.Runspace;
        shell.AddCommand("Get-SmcLog").AddParameter("Session", session).AddParameter("Live");
        var output = new PSDataCollection<PSObject>();
        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        SpinWait.SpinUntil(() => output.Count > 0, TimeSpan.FromSeconds(20));
        shell.Stop();
        try { shell.EndInvoke(running); }
        catch (PipelineStoppedException) { }
    }

    /// <summary>TCP sockets this process holds open (Linux: socket links in /proc/self/fd).</summary>
    private static int OpenTcpSockets()
    {
        if (!Directory.Exists("/proc/self/fd")) { return 0; }
        var count = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal)) { count++; }
            }
            catch (IOException) { }
        }
        return count;
    }
}
