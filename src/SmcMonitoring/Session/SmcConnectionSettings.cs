using System;
using System.Collections.Generic;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmcMonitoring.Session;

/// <summary>Everything needed to log in to an SMC. Secrets stay in <see cref="SecureString"/>s.</summary>
internal sealed class SmcConnectionSettings
{
    /// <summary>The default administrative domain, as the SMC places clients when domains are not configured.</summary>
    public const string SharedDomain = "Shared Domain";

    /// <summary>The SMC API service base URL, for example <c>https://smc.example:8082</c>.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8082");

    /// <summary>The API client key (used when set; otherwise <see cref="Credential"/>).</summary>
    public SecureString? ApiKey { get; set; }

    /// <summary>An administrator's user name and password, sent to <c>lms_login</c>.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>The administrative domain; always sent.</summary>
    public string Domain { get; set; } = SharedDomain;

    /// <summary>The API version to use; null picks the newest the SMC offers.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Skip server certificate validation (REST and websockets, for this session only).</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Trust server certificates that chain to this CA (in addition to the system's trusted roots).</summary>
    public X509Certificate2? CertificateAuthority { get; set; }

    /// <summary>Timeout of REST calls.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest websocket message accepted from the SMC; a larger one fails its query with a clear error.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// A websocket whose receive has been silent this long sends a ping, and one that answers nothing within the same
    /// time again is taken as gone (a frozen SMC); zero turns pings off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra top-level keys of the login body (from <c>SMC_EXTRA_ARGS</c> or the caller).</summary>
    public IDictionary<string, object?> ExtraLoginArguments { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Where these settings came from (for messages): parameters, a file path, or the environment.</summary>
    public string Source { get; set; } = "parameters";

    /// <summary>
    /// True when <paramref name="other"/> would log in as these settings do: the same SMC address (a trailing slash
    /// aside), domain, API version asked for, identity (the same API key, or the same user name and password),
    /// certificate options, limits and extra login arguments. Connect-SmcSession reuses a session when they match.
    /// </summary>
    public bool SameLogin(SmcConnectionSettings other) =>
        string.Equals(Normalized(Url), Normalized(other.Url), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Domain, other.Domain, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ApiVersion, other.ApiVersion, StringComparison.Ordinal)
        && SameSecret(ApiKey, other.ApiKey)
        && (Credential is null) == (other.Credential is null)
        && (Credential is null || (string.Equals(Credential.UserName, other.Credential!.UserName, StringComparison.Ordinal)
            && string.Equals(Credential.Password, other.Credential.Password, StringComparison.Ordinal)))
        && SkipCertificateCheck == other.SkipCertificateCheck
        && string.Equals(CertificateAuthority?.Thumbprint, other.CertificateAuthority?.Thumbprint, StringComparison.OrdinalIgnoreCase)
        && Timeout == other.Timeout
        && MaxMessageBytes == other.MaxMessageBytes
        && KeepAliveInterval == other.KeepAliveInterval
        && SameArguments(ExtraLoginArguments, other.ExtraLoginArguments);

    private static string Normalized(Uri url) => url.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static bool SameSecret(SecureString? a, SecureString? b) =>
        a is null || b is null ? a is null && b is null : string.Equals(SecretText.Reveal(a), SecretText.Reveal(b), StringComparison.Ordinal);

    private static bool SameArguments(IDictionary<string, object?> a, IDictionary<string, object?> b)
    {
        if (a.Count != b.Count) { return false; }
        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var value) || !Equals(Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))) { return false; }
        }
        return true;
    }
}
