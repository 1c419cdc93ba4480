using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using SmcMonitoring.Session;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>
/// <para type="synopsis">Logs in to an SMC and makes the session the default for this runspace.</para>
/// <para type="description">Connect-SmcSession finds the API versions the SMC offers (the newest unless -ApiVersion names another), logs in with an API client key or an administrator's credential, and returns the session. Later SmcMonitoring cmdlets use it unless they get -Session. Connecting again to an SMC this runspace is already logged in to, with the same identity and options, returns that session instead of a duplicate (-Force logs in anew). Such a session logs out when every Connect-SmcSession that returned it has been matched by a Disconnect-SmcSession (or at once with Disconnect-SmcSession -All), so a script that connects and disconnects in a finally block leaves the session of the shell that ran it connected. Without -Url it reads ~/.smcrc (or -ConfigurationFile) and then the SMC_ADDRESS, SMC_API_KEY, SMC_CLIENT_CERT, SMC_TIMEOUT, SMC_API_VERSION, SMC_DOMAIN and SMC_EXTRA_ARGS environment variables, as the Python client does. The API key and password are kept as SecureStrings and never shown.</para>
/// </summary>
/// <example>
/// <code>$key = Read-Host -AsSecureString 'API key'
/// Connect-SmcSession -Url https://smc.example:8082 -ApiKey $key</code>
/// <para>Logs in with an API client key typed at a prompt.</para>
/// </example>
/// <example>
/// <code>Connect-SmcSession -Url https://smc.example:8082 -Credential (Get-Credential) -Domain Branches</code>
/// <para>Logs in as an administrator into the Branches domain.</para>
/// </example>
/// <example>
/// <code>Connect-SmcSession</code>
/// <para>Logs in with the settings of ~/.smcrc or, when that file is missing or lacks smc_address or smc_apikey, the SMC_* environment variables. The settings come from one of the two, never a mix; -Domain, -ApiVersion, -SkipCertificateCheck, -CertificateAuthority and -TimeoutSec given on the command line override them.</para>
/// </example>
/// <example>
/// <code>@'
/// [smc]
/// smc_address = smc.example.com
/// smc_apikey = xxxxxxxxxxxxxxxxxxxxxxxx
/// smc_port = 8082
/// smc_ssl = true
/// verify_ssl = true
/// ssl_cert_file = /home/admin/smc-ca.pem
/// api_version = 7.0
/// timeout = 60
/// domain = Branches
/// '@ | Set-Content ~/.smcrc
/// Connect-SmcSession</code>
/// <para>Writes a ~/.smcrc in the Python client's format and logs in with it. The [smc] section holds key = value lines (lines starting with # or ; are comments). smc_address (a host name or address, without scheme or port) and smc_apikey (an API client's key) are required; smc_port defaults to 8082; smc_ssl = true uses https; the certificate is verified only when verify_ssl = true and ssl_cert_file names the CA's PEM, CRT or DER file, and with smc_ssl = true but no such pair it is NOT checked, as in the Python client; api_version picks an API version (default: the newest the SMC offers); timeout is the REST timeout in seconds; domain is the administrative domain (default: Shared Domain). Keep the file readable only by you (chmod 600 ~/.smcrc): it holds the key in plain text. -ConfigurationFile reads another file in this format.</para>
/// </example>
/// <example>
/// <code>$env:SMC_ADDRESS = 'https://smc.example.com:8082'
/// $env:SMC_API_KEY = 'xxxxxxxxxxxxxxxxxxxxxxxx'
/// $env:SMC_CLIENT_CERT = '/home/admin/smc-ca.pem'
/// $env:SMC_API_VERSION = '7.0'
/// $env:SMC_TIMEOUT = '60'
/// $env:SMC_DOMAIN = 'Branches'
/// $env:SMC_EXTRA_ARGS = '{"beta": true}'
/// Connect-SmcSession</code>
/// <para>Logs in with the SMC_* environment variables (used when ~/.smcrc is missing or incomplete). SMC_ADDRESS is a URL or a host (http and port 8082 when not given) and SMC_API_KEY the API client's key; both are required. SMC_CLIENT_CERT is the CA file that verifies an https SMC (without it an https certificate is NOT checked, as in the Python client); SMC_API_VERSION, SMC_TIMEOUT (seconds) and SMC_DOMAIN as in the file; SMC_EXTRA_ARGS is a JSON object whose keys are added to the login request.</para>
/// </example>
/// <example>
/// <code>$s = Connect-SmcSession -Url https://10.0.0.5:8082 -ApiKey $key -CertificateAuthority ./smc-ca.pem -ApiVersion 6.10</code>
/// <para>Trusts the SMC's private CA and uses API 6.10.</para>
/// </example>
/// <example>
/// <code>$a = Connect-SmcSession -Url https://smc.example:8082 -ApiKey $key
/// $b = Connect-SmcSession -Url https://smc.example:8082 -ApiKey $key
/// $a.Id -eq $b.Id</code>
/// <para>Connecting again to the same SMC with the same identity and options returns the open session instead of logging in twice (True); -Force opens a second session.</para>
/// </example>
/// <seealso href="about_SmcMonitoring">about_SmcMonitoring</seealso>
/// <seealso cref="GetSmcSessionCommand"/>
/// <seealso cref="DisconnectSmcSessionCommand"/>
[Cmdlet(VerbsCommunications.Connect, "SmcSession", DefaultParameterSetName = ConfigurationSet)]
[OutputType(typeof(SmcSession))]
public sealed class ConnectSmcSessionCommand : SmcCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";
    private const string ConfigurationSet = "Configuration";

    /// <summary>
    /// <para type="description">The SMC API service URL, for example https://smc.example:8082.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiKeySet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
    public Uri? Url { get; set; }

    /// <summary>
    /// <para type="description">The key of an API client element. A SecureString is best; a plain string is converted at once. -Url needs -ApiKey or -Credential.</para>
    /// </summary>
    // Not mandatory, so that -Url alone binds to this set and gets an error naming -ApiKey and -Credential rather than
    // PowerShell's "Parameter set cannot be resolved".
    [Parameter(ParameterSetName = ApiKeySet)]
    [SecureStringTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>
    /// <para type="description">An administrator's user name and password (logs in through lms_login).</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// <para type="description">A configuration file in the format of ~/.smcrc to read instead of ~/.smcrc.</para>
    /// </summary>
    [Parameter(ParameterSetName = ConfigurationSet)]
    [ValidateNotNullOrEmpty]
    public string? ConfigurationFile { get; set; }

    /// <summary>
    /// <para type="description">The administrative domain. Defaults to 'Shared Domain'.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DomainCompleter))]
    public string? Domain { get; set; }

    /// <summary>
    /// <para type="description">The API version to use, exactly as the SMC offers it (for example 6.10 or 7.1). Defaults to the newest the SMC offers.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiVersion { get; set; }

    /// <summary>
    /// <para type="description">Do not validate the SMC's certificate (this session only; REST and websockets).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>
    /// <para type="description">Trust SMC certificates issued by this CA: an X509Certificate2 or the path of a PEM, CRT or DER file.</para>
    /// </summary>
    [Parameter]
    [CertificateTransformation]
    public X509Certificate2? CertificateAuthority { get; set; }

    /// <summary>
    /// <para type="description">How long a REST call may take, in seconds. Defaults to 30.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>
    /// <para type="description">The largest websocket message the session accepts from the SMC, in MB; a query that receives a larger one fails with an error suggesting fewer fields. Defaults to 64.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 2047)]
    public int MaxMessageSizeMB { get; set; } = 64;

    /// <summary>
    /// <para type="description">Log in again even when this runspace already has an open session to the same SMC with the same identity and options. Without -Force, Connect-SmcSession returns that session (and makes it the default) instead of opening a duplicate.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">How long a websocket of the session (a query or notifications) may receive nothing before it sends a ping; when nothing at all answers within the same time again, the SMC is taken as frozen: a live query reconnects (with a warning) and any other query ends with an error. Fractions are allowed; 0 turns pings off. Defaults to 30.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double KeepAliveSec { get; set; } = 30;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var settings = ParameterSetName == ConfigurationSet ? FromConfiguration() : FromParameters();
        if (Domain != null) { settings.Domain = Domain; }
        if (ApiVersion != null) { settings.ApiVersion = ApiVersion; }
        if (SkipCertificateCheck) { settings.SkipCertificateCheck = true; }
        if (CertificateAuthority != null) { settings.CertificateAuthority = CertificateAuthority; }
        settings.MaxMessageBytes = MaxMessageSizeMB * 1024 * 1024;
        settings.KeepAliveInterval = TimeSpan.FromSeconds(KeepAliveSec);
        if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) || settings.Source == "parameters") { settings.Timeout = TimeSpan.FromSeconds(TimeoutSec); }
        if (!Force && SessionRegistry.FindSameLogin(CurrentRunspace, settings) is { } existing)
        {
            existing.Hold();
            SessionRegistry.Add(CurrentRunspace, existing);
            WriteVerbose($"Reusing {existing}: this runspace is already logged in to {settings.Url} as the same identity with the same options; it is now the default, and it logs out when each Connect-SmcSession that returned it has disconnected it ({existing.Holders} so far). -Force logs in again as a new session.");
            WriteObject(existing);
            return;
        }
        WriteVerbose($"Connecting to {settings.Url} (domain '{settings.Domain}', settings from {settings.Source}).");
        SmcSession session;
        try
        {
            session = SmcSession.ConnectAsync(settings, Cancellation).GetAwaiter().GetResult();
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, settings.Url));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        SessionRegistry.Add(CurrentRunspace, session);
        WriteVerbose($"Connected: {session}.");
        WriteObject(session);
    }

    private SmcConnectionSettings FromParameters()
    {
        if (ApiKey is null && Credential is null)
        {
            ThrowError(SmcErrors.CredentialMissing, $"-Url {Url} needs a credential: add -ApiKey with an API client's key (for example -ApiKey (Read-Host -AsSecureString 'API key')) or -Credential with an administrator's user name and password (for example -Credential (Get-Credential)). Without -Url, Connect-SmcSession reads ~/.smcrc and the SMC_* variables.", Url);
        }
        if (!Url!.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            ThrowError(SmcErrors.UrlInvalid, $"-Url '{Url}' is not an http or https URL; expected for example https://smc.example:8082.", Url);
        }
        return new SmcConnectionSettings
        {
            Url = Url,
            ApiKey = ApiKey,
            Credential = Credential is null ? null : new NetworkCredential(Credential.UserName, Credential.Password),
        };
    }

    private SmcConnectionSettings FromConfiguration()
    {
        string? path = null;
        if (ConfigurationFile != null)
        {
            path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigurationFile);
            if (!System.IO.File.Exists(path))
            {
                ThrowError(SmcErrors.ConfigurationNotFound, $"-ConfigurationFile '{ConfigurationFile}' does not exist.", ConfigurationFile);
            }
        }
        SmcConnectionSettings? settings = null;
        try
        {
            settings = SmcConfigurationReader.Read(path, Environment.GetEnvironmentVariable);
        }
        catch (SmcException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex, path));
        }
        if (settings is null)
        {
            ThrowError(SmcErrors.ConfigurationNotFound, $"No SMC to connect to: pass -Url with -ApiKey or -Credential, or write smc_address and smc_apikey in the [smc] section of {path ?? SmcConfigurationReader.DefaultPath}, or set SMC_ADDRESS and SMC_API_KEY.", path);
        }
        return settings!;
    }
}
