using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>How faults are switched: start-up options, the command line, <c>/_simulator/faults</c>.</summary>
public sealed class FaultControlTests
{
    private static Task<SmcSimulator> StartAsync(SimulatorFaults faults) => SmcSimulator.StartAsync(new SimulatorOptions { Faults = faults });

    private static Task<SmcSimulator> StartAsync() => StartAsync(new SimulatorFaults());

    [Fact]
    public async Task The_faults_endpoint_shows_changes_and_resets_them_without_a_session()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { DelayMs = 5 });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        var shown = JsonNode.Parse(await http.GetStringAsync("/_simulator/faults"))!;
        Assert.Equal(5, (int)shown["DelayMs"]!);

        using var set = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"dropAfterMessages": 7, "FailQueries": "busy", "SessionLifetime": "00:00:30", "Silent": true}"""));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((5, 7, "busy", true), (simulator.Faults.DelayMs, simulator.Faults.DropAfterMessages, simulator.Faults.FailQueries, simulator.Faults.Silent));
        Assert.Equal(TimeSpan.FromSeconds(30), simulator.Faults.SessionLifetime);
        Assert.Equal(30.0, (double)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["SessionLifetime"]!);

        using var bad = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"DelayMs": 1, "Drop": 3}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Unknown fault 'Drop'", await bad.Content.ReadAsStringAsync());
        Assert.Equal(5, simulator.Faults.DelayMs);
        using var negative = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"MalformedMessages": -1}"""));
        Assert.Contains("MalformedMessages must be 0 (off) or more", await negative.Content.ReadAsStringAsync());

        using var reset = await http.DeleteAsync("/_simulator/faults");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal((0, 0, null, false, null), (simulator.Faults.DelayMs, simulator.Faults.DropAfterMessages, simulator.Faults.FailQueries, simulator.Faults.Silent, simulator.Faults.SessionLifetime));
    }

    [Fact]
    public async Task The_faults_endpoint_can_expire_every_session()
    {
        await using var simulator = await StartAsync();
        using var client = await SmcTestClient.LoginAsync(simulator);
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var expire = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"ExpireSessions": true}"""));
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);
        using var refused = await client.Http.GetAsync("/7.1/current_user");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public void Start_up_faults_cannot_expire_sessions_and_refuse_negative_counts()
    {
        Assert.Throws<InvalidOperationException>(() => new SimulatorFaults().ExpireSessions());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorFaults { DelayMs = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorFaults { SessionLifetime = TimeSpan.Zero });
    }

    [Fact]
    public void Fault_options_reach_the_simulator_options_from_the_command_line()
    {
        var options = CommandLine.SimulatorCommandLine.Parse(new[]
        {
            "--delay-ms", "10", "--drop-after-messages", "4", "--close-after-messages", "5", "--fail-queries", "no log server",
            "--malformed-messages", "2", "--oversized-message-bytes", "70000", "--buffer-error-close", "--silent", "--session-lifetime", "1.5",
        }).Options!;
        var faults = options.Faults;
        Assert.Equal((10, 4, 5, "no log server", 2, 70000), (faults.DelayMs, faults.DropAfterMessages, faults.CloseAfterMessages, faults.FailQueries, faults.MalformedMessages, faults.OversizedMessageBytes));
        Assert.True(faults.BufferErrorClose);
        Assert.True(faults.Silent);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.SessionLifetime);
    }
    [Fact]
    public async Task The_faults_endpoint_shows_changes_and_resets_the_hostile_server_faults()
    {
        await using var simulator = await StartAsync(new SimulatorFaults { HugeMessageRecords = 9 });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        var shown = JsonNode.Parse(await http.GetStringAsync("/_simulator/faults"))!;
        Assert.Equal((9, "none", "none", 307), ((int)shown["HugeMessageRecords"]!, (string?)shown["EndlessRestBody"], (string?)shown["EndFrame"], (int)shown["RedirectUpgradeStatus"]!));

        using var set = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""
            {"UpgradeNeverAnswered": true, "BatchesPastQuantity": true, "EndlessRestBody": "login", "OversizedRestBodyBytes": 70000,
             "RedirectUpgradeTo": "ws://127.0.0.2:9/x", "RedirectUpgradeStatus": 302, "FreezeAfterMessages": 4, "endFrame": "other-fetch",
             "InvalidUtf8Frames": 2, "WrongTypeRecords": true}
            """));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var faults = simulator.Faults;
        Assert.True(faults.UpgradeNeverAnswered && faults.BatchesPastQuantity && faults.WrongTypeRecords);
        Assert.Equal((EndlessRestAnswer.Login, 70000, "ws://127.0.0.2:9/x", 302), (faults.EndlessRestBody, faults.OversizedRestBodyBytes, faults.RedirectUpgradeTo, faults.RedirectUpgradeStatus));
        Assert.Equal((4, BogusEndFrame.OtherFetch, 2), (faults.FreezeAfterMessages, faults.EndFrame, faults.InvalidUtf8Frames));
        Assert.Equal("other-fetch", (string?)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["EndFrame"]);

        using var bad = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"HugeMessageRecords": 1, "EndFrame": "string"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("EndFrame must be one of none, array, other-fetch, or null", await bad.Content.ReadAsStringAsync());
        Assert.Equal(9, faults.HugeMessageRecords);
        using var badUrl = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"RedirectUpgradeTo": "ftp://x/"}"""));
        Assert.Contains("RedirectUpgradeTo must be an absolute http, https, ws or wss URL, or null", await badUrl.Content.ReadAsStringAsync());

        using var cleared = await http.PostAsync("/_simulator/faults", SmcTestClient.Json("""{"EndFrame": null, "RedirectUpgradeTo": null}"""));
        Assert.Equal((BogusEndFrame.None, null), (faults.EndFrame, faults.RedirectUpgradeTo));
        using var reset = await http.DeleteAsync("/_simulator/faults");
        Assert.False(faults.UpgradeNeverAnswered || faults.BatchesPastQuantity || faults.WrongTypeRecords);
        Assert.Equal((0, EndlessRestAnswer.None, 0, 307, 0, 0), (faults.HugeMessageRecords, faults.EndlessRestBody, faults.OversizedRestBodyBytes, faults.RedirectUpgradeStatus, faults.FreezeAfterMessages, faults.InvalidUtf8Frames));
    }

    [Fact]
    public void Hostile_server_fault_options_reach_the_faults_from_the_command_line()
    {
        var faults = CommandLine.SimulatorCommandLine.Parse(new[]
        {
            "--upgrade-never-answered", "--batches-past-quantity", "--huge-message-records", "10000000", "--endless-rest-body", "versions",
            "--oversized-rest-body-bytes", "65536", "--redirect-upgrade-to", "http://127.0.0.3:8080/", "--redirect-upgrade-status", "308",
            "--freeze-after-messages", "5", "--bogus-end", "array", "--invalid-utf8-frames", "3", "--wrong-type-records",
        }).Options!.Faults;
        Assert.True(faults.UpgradeNeverAnswered && faults.BatchesPastQuantity && faults.WrongTypeRecords);
        Assert.Equal((10_000_000, EndlessRestAnswer.Versions, 65536), (faults.HugeMessageRecords, faults.EndlessRestBody, faults.OversizedRestBodyBytes));
        Assert.Equal(("http://127.0.0.3:8080/", 308, 5), (faults.RedirectUpgradeTo, faults.RedirectUpgradeStatus, faults.FreezeAfterMessages));
        Assert.Equal((BogusEndFrame.Array, 3), (faults.EndFrame, faults.InvalidUtf8Frames));
    }
}
