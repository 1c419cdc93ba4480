using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

/// <summary>The command line, run as its own process the way scripts and the Pester suite run it.</summary>
public sealed partial class ProcessTests
{
    private const int SigTerm = 15;

    private static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "SmcMonitoring.Simulator.dll");

    [Fact]
    public async Task Prints_the_listening_line_first_serves_and_exits_0_on_sigterm()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal; this test runs where CI runs.");
        using var process = Start("--port", "0", "--api-key", "proc-key", "--log-records", "100", "--seed", "3");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = ListeningLine().Match(firstLine ?? string.Empty);
            Assert.True(match.Success, $"first line was '{firstLine}'");
            Assert.Equal("proc-key", match.Groups[2].Value);

            using var http = new HttpClient();
            Assert.Contains("\"7.1\"", await http.GetStringAsync($"{match.Groups[1].Value}/api"));

            Assert.Equal(0, kill(process.Id, SigTerm));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>The command line runs with invariant globalization, unlike a test host: zones must behave the same there.</summary>
    [Fact]
    public async Task A_path_base_shows_in_the_listening_line_and_zones_render_as_in_process()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal; this test runs where CI runs.");
        using var process = Start("--path-base", "/smc", "--time-zone-style", "abbreviation", "--log-records", "10", "--log-end", "2024-01-15T12:00:00Z");
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(firstLine ?? string.Empty, @"^SMC simulator listening on (http://127\.0\.0\.1:\d+)/smc api-key (\S+)$");
            Assert.True(match.Success, $"first line was '{firstLine}'");
            var root = match.Groups[1].Value;
            var cookies = new System.Net.CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
            Assert.Contains($"{root}/smc/7.1/api", await http.GetStringAsync($"{root}/smc/api"));
            using (var login = await http.PostAsync($"{root}/smc/7.1/login", new StringContent($$"""{"authenticationkey":"{{match.Groups[2].Value}}"}""", System.Text.Encoding.UTF8, "application/json")))
            {
                login.EnsureSuccessStatusCode();
            }

            var cookie = cookies.GetCookieHeader(new Uri($"{root}/smc/7.1/api"));
            await using var socket = await Support.TestSocket.ConnectAsync(new Uri($"{root.Replace("http", "ws", StringComparison.Ordinal)}/smc/7.1/monitoring/log/socket"), o => o.SetRequestHeader("Cookie", cookie));
            var zoned = await socket.FetchAsync(Support.Requests.Stored("{\"quantity\":1}", """{"type":"texts","field_ids":[1],"resolving":{"timezone":"Europe/Helsinki","time_show_zone":true}}"""));
            Assert.Equal("2024-01-15 14:00:00 EET", (string?)zoned.Records[0]["Creation Time"]);
            var windows = await socket.FetchAsync(Support.Requests.Stored("{\"quantity\":1}", """{"type":"texts","resolving":{"timezone":"Central Standard Time"}}"""));
            Assert.StartsWith("unknown time zone 'Central Standard Time' in format.resolving.timezone: use an IANA id", windows.Failure);

            Assert.Equal(0, kill(process.Id, SigTerm));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Theory]
    [InlineData("--port abc", "--port", "abc")]
    [InlineData("--log-records -5", "--log-records", "-5")]
    [InlineData("--log-end yesterday", "--log-end", "yesterday")]
    [InlineData("--live-rate fast", "--live-rate", "fast")]
    [InlineData("--frobnicate", "--frobnicate", "--frobnicate")]
    [InlineData("--host smc.example", "--host", "smc.example")]
    [InlineData("--seed", "--seed", "needs a value")]
    [InlineData("--path-base smc/", "--path-base", "smc/")]
    public async Task Bad_arguments_exit_2_naming_the_option_and_the_value(string arguments, string option, string value)
    {
        using var process = Start(arguments.Split(' '));
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var error = await process.StandardError.ReadToEndAsync();
            Assert.Equal(2, process.ExitCode);
            Assert.Contains(option, error);
            Assert.Contains(value, error);
            Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        using var process = Start("--help");
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
            Assert.StartsWith("Usage:", output);
            Assert.Contains("--token-mode", output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SimulatorDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex(@"^SMC simulator listening on (http://127\.0\.0\.1:\d+) api-key (\S+)$")]
    private static partial Regex ListeningLine();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
