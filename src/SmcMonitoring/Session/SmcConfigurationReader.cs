using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// Reads connection settings the way the reference Python client does: the INI file <c>~/.smcrc</c> (section
/// <c>[smc]</c>) first, then the <c>SMC_*</c> environment variables. Both only carry API keys.
/// </summary>
internal static class SmcConfigurationReader
{
    /// <summary>The default configuration file, <c>~/.smcrc</c>.</summary>
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".smcrc");

    /// <summary>
    /// Settings from <paramref name="path"/> (or <c>~/.smcrc</c>), else from the environment; null when neither is complete.
    /// </summary>
    public static SmcConnectionSettings? Read(string? path, Func<string, string?> environment)
    {
        var file = path ?? DefaultPath;
        if (File.Exists(file) && FromIni(File.ReadAllText(file), file) is { } fromFile) { return fromFile; }
        return FromEnvironment(environment);
    }

    /// <summary>Settings from the text of an INI file; null when <c>smc_address</c> or <c>smc_apikey</c> is missing.</summary>
    public static SmcConnectionSettings? FromIni(string text, string source)
    {
        var values = ParseSection(text, "smc");
        if (!values.TryGetValue("smc_address", out var address) || !values.TryGetValue("smc_apikey", out var key)
            || address.Length == 0 || key.Length == 0)
        {
            return null;
        }
        var ssl = values.TryGetValue("smc_ssl", out var sslText) && ParseBool(sslText);
        var port = values.TryGetValue("smc_port", out var portText) && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 8082;
        var settings = new SmcConnectionSettings
        {
            Url = new Uri($"{(ssl ? "https" : "http")}://{address}:{port}"),
            ApiKey = ToSecureString(key),
            Source = source,
        };
        // As in the reference: verification needs both verify_ssl and a CA file; true without a file means no check.
        var verify = values.TryGetValue("verify_ssl", out var verifyText) && ParseBool(verifyText);
        if (ssl && verify && values.TryGetValue("ssl_cert_file", out var caFile) && caFile.Length > 0)
        {
            settings.CertificateAuthority = LoadCertificate(caFile);
        }
        else
        {
            settings.SkipCertificateCheck = ssl;
        }
        if (values.TryGetValue("api_version", out var version) && double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            settings.ApiVersion = version;
        }
        if (values.TryGetValue("timeout", out var timeout) && int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            settings.Timeout = TimeSpan.FromSeconds(seconds);
        }
        if (values.TryGetValue("domain", out var domain) && domain.Length > 0) { settings.Domain = domain; }
        return settings;
    }

    /// <summary>Settings from <c>SMC_ADDRESS</c>, <c>SMC_API_KEY</c> and the optional variables; null when either is missing.</summary>
    public static SmcConnectionSettings? FromEnvironment(Func<string, string?> environment)
    {
        var address = environment("SMC_ADDRESS");
        var key = environment("SMC_API_KEY");
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(key)) { return null; }
        if (!Uri.TryCreate(address!.Contains("://") ? address : "http://" + address, UriKind.Absolute, out var parsed))
        {
            throw SmcErrors.ConfigurationInvalid.Create($"SMC_ADDRESS '{address}' is not a URL; expected for example https://10.0.0.5:8082.");
        }
        var https = parsed.Scheme == Uri.UriSchemeHttps;
        var port = parsed.IsDefaultPort && !address.Substring(address.IndexOf("://", StringComparison.Ordinal) + 3).Contains(":") ? 8082 : parsed.Port;
        var settings = new SmcConnectionSettings
        {
            Url = new Uri($"{parsed.Scheme}://{parsed.Host}:{port}"),
            ApiKey = ToSecureString(key!),
            Source = "environment",
        };
        var caFile = environment("SMC_CLIENT_CERT");
        if (https && !string.IsNullOrEmpty(caFile)) { settings.CertificateAuthority = LoadCertificate(caFile!); }
        else { settings.SkipCertificateCheck = https; }
        if (int.TryParse(environment("SMC_TIMEOUT"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) { settings.Timeout = TimeSpan.FromSeconds(seconds); }
        if (environment("SMC_API_VERSION") is { Length: > 0 } version) { settings.ApiVersion = version; }
        if (environment("SMC_DOMAIN") is { Length: > 0 } domain) { settings.Domain = domain; }
        AddExtraArguments(settings, environment("SMC_EXTRA_ARGS"));
        return settings;
    }

    internal static Dictionary<string, string> ParseSection(string text, string section)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var inSection = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') { continue; }
            if (line[0] == '[')
            {
                inSection = string.Equals(line.Trim('[', ']').Trim(), section, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var separator = line.IndexOfAny(new[] { '=', ':' });
            if (inSection && separator > 0) { values[line.Substring(0, separator).Trim()] = line.Substring(separator + 1).Trim(); }
        }
        return values;
    }

    internal static bool ParseBool(string text) =>
        text.Trim().ToLowerInvariant() is "1" or "yes" or "true" or "on";

    internal static SecureString ToSecureString(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) { secure.AppendChar(c); }
        secure.MakeReadOnly();
        return secure;
    }

    private static void AddExtraArguments(SmcConnectionSettings settings, string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) { return; }
        try
        {
            using var document = JsonDocument.Parse(json!);
            if (document.RootElement.ValueKind != JsonValueKind.Object) { return; }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // retry_on_busy configures the HTTP client in the reference; it is never sent.
                if (property.Name != "retry_on_busy") { settings.ExtraLoginArguments[property.Name] = property.Value.Clone(); }
            }
        }
        catch (JsonException)
        {
            // The reference ignores invalid SMC_EXTRA_ARGS; so do we.
        }
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            return new X509Certificate2(path);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw SmcErrors.CertificateAuthorityInvalid.Create($"Cannot read the CA certificate '{path}': {ex.Message}", ex);
        }
    }
}
