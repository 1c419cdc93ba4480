using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Notifications;
using SmcMonitoring.Protocol;
using SmcMonitoring.Session;
using SmcMonitoring.Simulator;
using Xunit;

namespace SmcMonitoring.Tests.Integration;

/// <summary>The notification channel against the simulator: both message shapes, several contexts, reconnection, queue cap.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class NotificationTests : IAsyncLifetime
{
    private readonly SimulatorFixture _fixture;
    private SmcSimulator _simulator = null!;

    public NotificationTests(SimulatorFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync() =>
        _simulator = await SmcSimulator.StartAsync(new SimulatorOptions { ApiKey = "notify-key-1234", NotificationsPerSecond = 0, ApiVersions = new[] { "6.5", "7.1" } });

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<SmcSession> ConnectAsync(string? version = null) => SmcSession.ConnectAsync(new SmcConnectionSettings
    {
        Url = _simulator.BaseUrl,
        ApiKey = SmcConfigurationReader.ToSecureString(_simulator.ApiKey),
        ApiVersion = version,
    }, CancellationToken.None);

    private static async Task<T> Next<T>(BlockingCollection<T> queue)
    {
        return await Task.Run(() => queue.TryTake(out var item, TimeSpan.FromSeconds(15)) ? item : throw new TimeoutException("no notification arrived within 15 s"));
    }

    [Theory]
    [InlineData("7.1")]
    [InlineData("6.5")]
    public async Task An_element_change_arrives_in_the_shape_of_the_api_version(string version)
    {
        using var session = await ConnectAsync(version);
        using var channel = new NotificationChannel(session, new[] { "host" }, ReconnectPolicy.None);
        var received = new BlockingCollection<SmcElementChangedEventArgs>();
        channel.ElementChanged += (_, e) => received.Add(e);
        await channel.StartAsync(CancellationToken.None);
        var href = _simulator.RaiseElementChange("host", "update", "1087");
        var change = await Next(received);
        Assert.Equal(SmcElementAction.Update, change.Action);
        Assert.Equal("host", change.ElementType);
        Assert.Equal("1087", change.ElementId);
        Assert.Equal(0, change.SubscriptionId);
        Assert.Equal("host", change.Context);
        Assert.Contains($"/{version}/elements/host/1087", change.Href);
        Assert.Contains(version == "6.5" ? "\"events\"" : "\"event\"", change.RawMessage);
        Assert.EndsWith("/elements/host/1087", href);
    }

    [Fact]
    public async Task Several_contexts_share_one_socket_with_their_own_subscription_ids()
    {
        using var session = await ConnectAsync();
        using var channel = new NotificationChannel(session, new[] { "host", "network", "*" }, ReconnectPolicy.None);
        var received = new BlockingCollection<SmcElementChangedEventArgs>();
        channel.ElementChanged += (_, e) => received.Add(e);
        await channel.StartAsync(CancellationToken.None);
        Assert.Equal(new[] { 0, 1, 2 }, channel.SubscriptionIds.Values.OrderBy(i => i));
        Assert.Equal(1, session.OpenSocketCount);
        _simulator.RaiseElementChange("network", "create", "77");
        var first = await Next(received);
        var second = await Next(received);
        var contexts = new[] { first, second }.Select(c => c.Context).OrderBy(c => c).ToArray();
        Assert.Equal(new[] { "*", "network" }, contexts);
        Assert.All(new[] { first, second }, c => Assert.Equal(SmcElementAction.Create, c.Action));
        Assert.Equal(channel.SubscriptionIds["network"], new[] { first, second }.Single(c => c.Context == "network").SubscriptionId);
    }

    [Fact]
    public async Task An_unknown_context_is_refused_with_the_smc_text()
    {
        using var session = await ConnectAsync();
        using var channel = new NotificationChannel(session, new[] { "no_such_element" }, ReconnectPolicy.None);
        var error = await Assert.ThrowsAsync<SmcException>(() => channel.StartAsync(CancellationToken.None));
        Assert.Equal("SmcNotificationSubscribeFailed", error.ErrorId);
        Assert.Contains("no_such_element", error.Message);
    }

    [Fact]
    public async Task A_dropped_socket_reconnects_subscribes_again_and_warns_about_the_gap()
    {
        using var session = await ConnectAsync();
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1), MaxAttempts = 20 };
        using var channel = new NotificationChannel(session, new[] { "host" }, policy);
        var received = new BlockingCollection<SmcElementChangedEventArgs>();
        var warnings = new BlockingCollection<string>();
        channel.ElementChanged += (_, e) => received.Add(e);
        channel.StatusChanged += (_, s) => warnings.Add(s.Message);
        await channel.StartAsync(CancellationToken.None);
        try
        {
            _simulator.Faults.DropAfterMessages = 1;
            _simulator.RaiseElementChange("host", "delete", "1");
            Assert.Contains("reconnecting", await Next(warnings));
        }
        finally
        {
            _simulator.Faults.Reset();
        }
        string resumed;
        do { resumed = await Next(warnings); } while (!resumed.Contains("resumed"));
        Assert.Contains("may be missing", resumed);
        while (received.TryTake(out _)) { }
        _simulator.RaiseElementChange("host", "update", "2");
        var after = await Next(received);
        Assert.Equal("2", after.ElementId);
        Assert.True(channel.IsRunning);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, false)]
    public async Task The_notification_socket_accepts_messages_up_to_the_sessions_MaxMessageSizeMB(int megabytes, bool skipped)
    {
        using var session = await SmcSession.ConnectAsync(new SmcConnectionSettings
        {
            Url = _simulator.BaseUrl,
            ApiKey = SmcConfigurationReader.ToSecureString(_simulator.ApiKey),
            MaxMessageBytes = megabytes * 1024 * 1024,
        }, CancellationToken.None);
        using var channel = new NotificationChannel(session, new[] { "host" }, ReconnectPolicy.None);
        var received = new BlockingCollection<SmcElementChangedEventArgs>();
        var statuses = new ConcurrentQueue<string>();
        channel.ElementChanged += (_, e) => received.Add(e);
        channel.StatusChanged += (_, s) => statuses.Enqueue(s.Message);
        try
        {
            // A 2 MB message comes before the subscription's answer: over a 1 MB limit, under a 4 MB one.
            _simulator.Faults.OversizedMessageBytes = 2 * 1024 * 1024;
            await channel.StartAsync(CancellationToken.None);
        }
        finally
        {
            _simulator.Faults.Reset();
        }
        _simulator.RaiseElementChange("host", "update", "31");
        Assert.Equal("31", (await Next(received)).ElementId);
        var tooLarge = statuses.Where(m => m.Contains("larger than")).ToList();
        if (skipped)
        {
            var status = Assert.Single(tooLarge);
            Assert.Contains("larger than 1 MB", status);
            Assert.Contains("-MaxMessageSizeMB", status);
        }
        else
        {
            Assert.Empty(tooLarge);
        }
        Assert.True(channel.IsRunning);
    }

    [Fact]
    public void Events_nobody_reads_are_capped_in_the_powershell_queue()
    {
        using var host = new PowerShellHost();
        var variables = new Dictionary<string, object?> { ["url"] = _simulator.BaseUrl.ToString(), ["key"] = _simulator.ApiKey };
        host.RunClean("$s = Connect-SmcSession -Url $url -ApiKey $key; Register-SmcNotification -Session $s -Context host -SourceIdentifier capped -MaxQueuedEvents 5", variables);
        for (var i = 0; i < 40; i++) { _simulator.RaiseElementChange("host", "update", (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        // PowerShell adds events to its queue when the runspace processes them, in no guaranteed order.
        Assert.True(SpinWait.SpinUntil(() => Queued(host).Contains("139"), TimeSpan.FromSeconds(15)),
            "the last change never reached the queue; queued: " + string.Join(",", Queued(host)));
        SpinWait.SpinUntil(() => false, TimeSpan.FromMilliseconds(500));
        var queued = Queued(host);
        Assert.InRange(queued.Count, 1, 5);
        Assert.Contains("139", queued);
        host.RunClean("Unregister-Event -SourceIdentifier capped; Get-SmcSession | Disconnect-SmcSession");
    }

    [Fact]
    public void A_slow_action_gets_the_newest_events_in_order_and_the_oldest_are_dropped_with_a_count()
    {
        using var host = new PowerShellHost();
        var handledQueue = new ConcurrentQueue<string>();
        var variables = new Dictionary<string, object?> { ["url"] = _simulator.BaseUrl.ToString(), ["key"] = _simulator.ApiKey, ["handled"] = handledQueue };
        var channel = (NotificationChannel)host.RunClean(
            "$global:handled = $handled; $s = Connect-SmcSession -Url $url -ApiKey $key; " +
            "$null = Register-SmcNotification -Session $s -Context host -SourceIdentifier slow -MaxQueuedEvents 20 -Action { Start-Sleep -Milliseconds 20; $global:handled.Enqueue($EventArgs.ElementId) }; " +
            "(Get-EventSubscriber -SourceIdentifier slow).SourceObject", variables)[0].BaseObject;
        var warnings = new ConcurrentQueue<string>();
        channel.StatusChanged += (_, e) => warnings.Enqueue(e.Message);

        // A script runs while the events come, as in real use: actions then run inside its pipeline. (A runspace left
        // idle while events with actions pour in can crash its process: PowerShell's pulse pipeline races with itself.)
        using var done = new ManualResetEventSlim();
        using var waiting = PowerShell.Create();
        waiting.Runspace = host.Runspace;
        waiting.AddScript("param($done) while (-not $done.IsSet) { $null = Wait-Event -SourceIdentifier nothing -Timeout 1 }").AddArgument(done);
        var loop = waiting.BeginInvoke();
        const int Sent = 300;
        try
        {
            for (var i = 0; i < Sent; i++) { _simulator.RaiseElementChange("host", "update", (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            Assert.True(SpinWait.SpinUntil(() => channel.EventCount == Sent, TimeSpan.FromSeconds(15)), $"only {channel.EventCount} of {Sent} changes arrived");
            // Wait until every event that was not dropped has been handled.
            Assert.True(SpinWait.SpinUntil(() => handledQueue.Count >= Sent - channel.Backlog!.Dropped && channel.Backlog.Waiting == 0, TimeSpan.FromSeconds(20)),
                $"{handledQueue.Count} handled and {channel.Backlog!.Dropped} dropped of {Sent}");
        }
        finally
        {
            done.Set();
            waiting.EndInvoke(loop);
        }
        var handled = handledQueue.Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var dropped = channel.Backlog!.Dropped;
        Assert.True(dropped > 0, "the slow action dropped nothing");
        Assert.Equal(Sent, handled.Count + dropped);
        Assert.InRange(handled.Count, 20, 20 + ActionBacklog.InFlight + 40);
        // Events are handed on in order; PowerShell may run an action while another one sleeps, so only the set is checked.
        Assert.Equal(handled.Count, handled.Distinct().Count());
        Assert.Contains(1000 + Sent - 1, handled);
        Assert.True(handled.Count(i => i >= 1000 + Sent - 20) == 20, "the newest 20 events were not all handled");
        var warning = Assert.Single(warnings, w => w.Contains("dropped"));
        Assert.Contains("-MaxQueuedEvents", warning);
        Assert.Contains("at most 20", warning);
        host.RunClean("Unregister-Event -SourceIdentifier slow; Get-SmcSession | Disconnect-SmcSession");
        Assert.Equal(0, channel.Backlog.Waiting);
    }

    private static List<string?> Queued(PowerShellHost host) =>
        host.RunClean("Get-Event -SourceIdentifier capped -ErrorAction SilentlyContinue")
            .Select(o => ((SmcElementChangedEventArgs)((PSEventArgs)o.BaseObject).SourceEventArgs).ElementId).ToList();
}
