using System;
using System.Security.Cryptography;

namespace SmcMonitoring.Simulator.Rest;

/// <summary>The session ids the simulator hands out: JSESSIONID cookie values, or token-mode tokens in the chosen alphabet.</summary>
internal static class SessionIds
{
    /// <summary>25 bytes encode to 36 base64 characters, the last two always the padding "==".</summary>
    private const int Base64TokenBytes = 25;

    public static Func<string> For(SimulatorOptions options) => !options.TokenMode ? Cookie
        : options.TokenAlphabet == TokenAlphabet.Hex ? Hex
        : Base64;

    /// <summary>URL-safe, so the cookie value needs no quoting.</summary>
    public static string Cookie() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Standard base64 that contains '/', '+' and '=' every time, so that a client which cannot offer such a token as
    /// a websocket subprotocol fails on every run, not one run in six.
    /// </summary>
    public static string Base64()
    {
        while (true)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(Base64TokenBytes));
            if (token.Contains('/', StringComparison.Ordinal) && token.Contains('+', StringComparison.Ordinal))
            {
                return token;
            }
        }
    }

    public static string Hex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
