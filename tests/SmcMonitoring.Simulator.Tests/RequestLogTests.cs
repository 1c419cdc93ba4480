using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SmcMonitoring.Simulator.Tests.Support;
using Xunit;

namespace SmcMonitoring.Simulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Request_log_and_requests_mask_the_key_and_the_password()
    {
        var logPath = Path.Combine(Path.GetTempPath(), $"smc-sim-requests-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var simulator = await SmcSimulator.StartAsync(new SimulatorOptions
            {
                ApiKey = "very-secret-key",
                Password = "very secret+password",
                RequestLogPath = logPath,
                LogRecords = 10,
            }))
            {
                using (var client = await SmcTestClient.LoginAsync(simulator))
                {
                    await using var socket = await client.OpenLogSocketAsync();
                    await socket.FetchAsync(Requests.Stored("{\"quantity\":1}"));
                }

                using var admin = SmcTestClient.Create(simulator);
                using var response = await admin.Http.PostAsync(
                    $"/7.1/lms_login?login=admin&pwd={WebUtility.UrlEncode("very secret+password")}&domain=Shared+Domain", SmcTestClient.Json("{\"domain\":\"Shared Domain\"}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);

                var requests = simulator.Requests;
                var login = requests.Single(r => r.Path == "/7.1/login");
                Assert.Equal(("http", "POST"), (login.Kind, login.Method));
                Assert.Equal("***", (string?)JsonNode.Parse(login.Body!)!["authenticationkey"]);
                var lmsLogin = requests.Single(r => r.Path == "/7.1/lms_login");
                Assert.Equal("login=admin&pwd=***&domain=Shared+Domain", lmsLogin.Query);
                var message = requests.Single(r => r.Kind == "ws");
                Assert.Equal(("message", "/7.1/monitoring/log/socket"), (message.Method, message.Path));
                Assert.Contains("\"query\"", message.Body);
                Assert.DoesNotContain(requests, r => $"{r.Query}{r.Body}".Contains("very", StringComparison.Ordinal));

                simulator.ClearRequests();
                Assert.Empty(simulator.Requests);
            }

            var text = await File.ReadAllTextAsync(logPath);
            Assert.DoesNotContain("very", text);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            Assert.All(lines, l => Assert.Equal(new[] { "time", "kind", "method", "path", "query", "body" }, l.Select(p => p.Key)));
            var loggedLogin = lines.Single(l => (string?)l["path"] == "/7.1/login");
            Assert.Equal("***", (string?)loggedLogin["body"]!["authenticationkey"]);
            Assert.Equal(1, (int?)lines.Single(l => (string?)l["kind"] == "ws")["body"]!["fetch"]!["quantity"]);
            Assert.True(DateTimeOffset.TryParse((string?)lines[0]["time"], out _));
        }
        finally
        {
            File.Delete(logPath);
        }
    }
}
