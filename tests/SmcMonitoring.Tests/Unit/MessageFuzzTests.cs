using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmcMonitoring.Errors;
using SmcMonitoring.Notifications;
using SmcMonitoring.Protocol;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>Mutated server messages never crash or hang the parsers: each either parses or is a well-formed SmcException.</summary>
public class MessageFuzzTests
{
    private static readonly string[] Seeds =
    {
        "{\"success\":\"Fetch started\",\"fetch\":-1616514795,\"fields\":[{\"id\":8,\"name\":\"Dst\",\"pretty\":\"Dst Addr\",\"filterable\":true,\"raw_type\":\"ip\"}]}",
        "{\"fetch\":5117,\"status\":\"Querying...\",\"records\":[{\"1\":\"2024-05-02 10:11:12\",\"602\":\"High\",\"14\":\"Allow\",\"4\":\"fw-east node 1\",\"7\":\"10.1.2.3\",\"9\":\"51544\",\"8\":\"2001:db8::7\",\"10\":\"443\",\"11\":\"TCP\",\"6\":\"New connection\",\"19\":\"ok \\u00e9\\\"q\\\"\"}]}",
        "{\"fetch\":7,\"records\":{\"added\":[{\"delta_key\":\"Aa1B\",\"first_fetch\":true,\"1\":\"2024-05-02 09:15:03\",\"7\":\"10.20.30.40\",\"302\":\"1\"}],\"updated\":[{\"delta_key\":\"Aa1B\",\"116\":\"TCP time wait\"}],\"deleted\":[]}}",
        "{\"bldata\":{\"SessionEvent\":\"1\",\"BlacklistEntrySourceIp\":\"203.0.113.66\",\"block_list_href\":\"https://smc:8082/7.1/elements/single_fw/1/block_list/QQ==\"},\"blid\":{\"Blacklist Entry ID\":\"4401\"},\"delta_key\":\"Bx9\",\"first_fetch\":true}",
        "{\"fetch\":1,\"end\":\"end of data\",\"statistics\":{\"scanned\":10,\"matched\":[1,2,{\"a\":null}]}}",
        "{\"failure\":\"Invalid definition\",\"fetch\":3}",
        "{\"subscription_id\":0,\"events\":[{\"type\":\"create\",\"element\":\"https://smc:8082/6.5/elements/host/1087\"}]}",
        "{\"subscription_id\":1,\"event\":{\"type\":\"delete\",\"element\":\"https://smc:8082/7.1/elements/host/1732\"}}",
        "{\"success\":\"Subscribed for notifications\",\"context\":\"host,network\",\"subscription_id\":0}",
    };

    private static readonly string[] Fragments = { "{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1e999", "\"\\u12\"", "\\", "\u0000", "9999999999999999999999", "{\"records\":\"x\"}", "\"fetch\":\"abc\"", "[[[[[[[[" };

    [Fact]
    public void Ten_thousand_mutated_messages_parse_or_fail_cleanly()
    {
        var random = new Random(20261129);
        var shape = SessionMonitor.BlockList.DefaultShape;
        var outcomes = new Dictionary<string, int> { ["parsed"] = 0, ["rejected"] = 0 };
        for (var i = 0; i < 10_000; i++)
        {
            var message = Mutate(Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]), random);
            var typed = new TypedRecordSink(i % 2 == 0 ? LogShapes.Default : shape, (s, v) => new SmcLogRecord(s, v), "fw");
            Classify(() => ServerMessageParser.Parse(message, typed), outcomes);
            Classify(() => ServerMessageParser.Parse(message, new RawRecordSink()), outcomes);
            Classify(() => NotificationMessage.Parse(new ArraySegment<byte>(message)), outcomes);
        }
        Assert.True(outcomes["parsed"] > 1000, "too few mutations stayed valid: the fuzzer is not exercising the parsers");
        Assert.True(outcomes["rejected"] > 1000, "too few mutations were rejected: the fuzzer is not mutating enough");
    }

    private static void Classify(Action parse, Dictionary<string, int> outcomes)
    {
        try
        {
            parse();
            outcomes["parsed"]++;
        }
        catch (SmcException ex)
        {
            Assert.Equal("SmcMessageInvalid", ex.ErrorId);
            Assert.StartsWith("The SMC sent", ex.Message);
            outcomes["rejected"]++;
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 12), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 3:
                    bytes = bytes.Take(at).ToList();
                    break;
                case 4 when bytes.Count > 2:
                    var start = random.Next(bytes.Count - 1);
                    bytes.InsertRange(at, bytes.Skip(start).Take(random.Next(1, 20)).ToList());
                    break;
                default:
                    // A value of the wrong type where a string or object belongs.
                    var text = Encoding.UTF8.GetString(bytes.ToArray()).Replace("\"Querying...\"", "[1,2]").Replace("\"443\"", "{\"x\":1}").Replace("true", "\"true\"");
                    bytes = Encoding.UTF8.GetBytes(text).ToList();
                    break;
            }
        }
        return bytes.ToArray();
    }
}
