namespace SmcMonitoring.Errors;

/// <summary>
/// The error catalogue: every error the module raises, defined once with its id and kind. Code creates errors
/// through these entries and branches on them, never on an id's text.
/// </summary>
internal static class SmcErrors
{
    // Connecting and the REST side of a session.

    /// <summary>The SMC's <c>GET /api</c> listed no version.</summary>
    public static readonly SmcError ApiVersionNotFound = new("SmcApiVersionNotFound", SmcErrorKind.Protocol);

    /// <summary>-ApiVersion names a version the SMC does not offer.</summary>
    public static readonly SmcError ApiVersionNotSupported = new("SmcApiVersionNotSupported", SmcErrorKind.InvalidArgument);

    /// <summary>The login was refused (bad key, user or password).</summary>
    public static readonly SmcError AuthenticationFailed = new("SmcAuthenticationFailed", SmcErrorKind.Authentication);

    /// <summary>-CertificateAuthority cannot be read.</summary>
    public static readonly SmcError CertificateAuthorityInvalid = new("SmcCertificateAuthorityInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>~/.smcrc or an SMC_* variable holds a value that cannot be used.</summary>
    public static readonly SmcError ConfigurationInvalid = new("SmcConfigurationInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>No SMC to connect to: no parameters, configuration file or environment variables.</summary>
    public static readonly SmcError ConfigurationNotFound = new("SmcConfigurationNotFound", SmcErrorKind.NotFound);

    /// <summary>Connecting without an API key or a credential.</summary>
    public static readonly SmcError CredentialMissing = new("SmcCredentialMissing", SmcErrorKind.InvalidArgument);

    /// <summary>The SMC lacks an entry point the module needs.</summary>
    public static readonly SmcError EntryPointNotFound = new("SmcEntryPointNotFound", SmcErrorKind.Protocol);

    /// <summary>The login failed for a reason other than the credentials.</summary>
    public static readonly SmcError LoginFailed = new("SmcLoginFailed", SmcErrorKind.Refused);

    /// <summary>The SMC answered the logout with an error.</summary>
    public static readonly SmcError LogoutFailed = new("SmcLogoutFailed", SmcErrorKind.Refused);

    /// <summary>The SMC's system element has no smc_version link.</summary>
    public static readonly SmcError ProductVersionNotFound = new("SmcProductVersionNotFound", SmcErrorKind.Protocol);

    /// <summary>A REST call failed.</summary>
    public static readonly SmcError RequestFailed = new("SmcRequestFailed", SmcErrorKind.Refused);

    /// <summary>A REST call did not answer in time (-TimeoutSec of Connect-SmcSession).</summary>
    public static readonly SmcError RequestTimeout = new("SmcRequestTimeout", SmcErrorKind.Timeout);

    /// <summary>A REST call was refused as unauthorized even after logging in again.</summary>
    public static readonly SmcError RequestUnauthorized = new("SmcRequestUnauthorized", SmcErrorKind.Authentication);

    /// <summary>A REST resource does not exist (404).</summary>
    public static readonly SmcError ResourceNotFound = new("SmcResourceNotFound", SmcErrorKind.NotFound);

    /// <summary>A REST answer is not the JSON expected.</summary>
    public static readonly SmcError ResponseInvalid = new("SmcResponseInvalid", SmcErrorKind.Protocol);

    /// <summary>A REST answer's body is larger than its limit (small for login and entry points, -MaxMessageSizeMB else).</summary>
    public static readonly SmcError ResponseTooLarge = new("SmcResponseTooLarge", SmcErrorKind.Protocol);

    /// <summary>The SMC sent a REST call to another host (a redirect, or an entry point there), which is never followed with the session's credentials.</summary>
    public static readonly SmcError RequestRedirected = new("SmcRequestRedirected", SmcErrorKind.Refused);

    /// <summary>The session is disconnected (logged out).</summary>
    public static readonly SmcError SessionDisconnected = new("SmcSessionDisconnected", SmcErrorKind.NoSession);

    /// <summary>The SMC expired the session and logging in again did not help.</summary>
    public static readonly SmcError SessionExpired = new("SmcSessionExpired", SmcErrorKind.Authentication);

    /// <summary>The login answer carried neither a session cookie nor a token.</summary>
    public static readonly SmcError SessionMissing = new("SmcSessionMissing", SmcErrorKind.Protocol);

    /// <summary>There is no session (or none with the id asked for).</summary>
    public static readonly SmcError SessionNotFound = new("SmcSessionNotFound", SmcErrorKind.NotFound);

    /// <summary>-Url is not an http or https URL.</summary>
    public static readonly SmcError UrlInvalid = new("SmcUrlInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>The SMC cannot be reached.</summary>
    public static readonly SmcError UrlUnreachable = new("SmcUrlUnreachable", SmcErrorKind.Connection);

    /// <summary>The SMC did not answer with the -Url's scheme, and a server answered with the other one (http for https, or the reverse).</summary>
    public static readonly SmcError UrlSchemeWrong = new("SmcUrlSchemeWrong", SmcErrorKind.Connection);

    // Websockets.

    /// <summary>An open websocket broke.</summary>
    public static readonly SmcError ConnectionLost = new("SmcConnectionLost", SmcErrorKind.Connection);

    /// <summary>The SMC sent a message that cannot be read.</summary>
    public static readonly SmcError MessageInvalid = new("SmcMessageInvalid", SmcErrorKind.Protocol);

    /// <summary>The SMC sent a message larger than the session accepts.</summary>
    public static readonly SmcError MessageTooLarge = new("SmcMessageTooLarge", SmcErrorKind.Protocol);

    /// <summary>A websocket could not be opened.</summary>
    public static readonly SmcError SocketConnectFailed = new("SmcSocketConnectFailed", SmcErrorKind.Connection);

    /// <summary>The websocket upgrade did not complete within the handshake's time limit.</summary>
    public static readonly SmcError SocketHandshakeTimeout = new("SmcSocketHandshakeTimeout", SmcErrorKind.Timeout);

    /// <summary>The SMC answered a websocket upgrade with a redirect, which is never followed.</summary>
    public static readonly SmcError SocketRedirected = new("SmcSocketRedirected", SmcErrorKind.Refused);

    /// <summary>The SMC refused the websocket upgrade because of the session (401 or 403).</summary>
    public static readonly SmcError SocketUnauthorized = new("SmcSocketUnauthorized", SmcErrorKind.Authentication);

    // Queries.

    /// <summary>The SMC closed a query before the end of its data.</summary>
    public static readonly SmcError ConnectionClosed = new("SmcConnectionClosed", SmcErrorKind.Connection);

    /// <summary>The SMC answered a query with <c>failure</c>.</summary>
    public static readonly SmcError FetchFailed = new("SmcFetchFailed", SmcErrorKind.Refused);

    /// <summary>A live query gave up reconnecting.</summary>
    public static readonly SmcError ReconnectFailed = new("SmcReconnectFailed", SmcErrorKind.Connection);

    /// <summary>A query stopped before the SMC finished (-TimeoutSec or -InactivityTimeoutSec).</summary>
    public static readonly SmcError QueryTimeout = new("SmcQueryTimeout", SmcErrorKind.Timeout);

    /// <summary>The SMC closed the query as too large for its input buffer.</summary>
    public static readonly SmcError QueryTooLarge = new("SmcQueryTooLarge", SmcErrorKind.Refused);

    // Notifications.

    /// <summary>The SMC refused a notification subscription.</summary>
    public static readonly SmcError NotificationSubscribeFailed = new("SmcNotificationSubscribeFailed", SmcErrorKind.Refused);

    /// <summary>The SMC did not confirm a notification subscription in time.</summary>
    public static readonly SmcError NotificationSubscribeTimeout = new("SmcNotificationSubscribeTimeout", SmcErrorKind.Timeout);

    // Engines and changes to the SMC (block list, VPN SAs).

    /// <summary>A block-list address is not an IP address, a CIDR network or <c>any</c>.</summary>
    public static readonly SmcError BlocklistAddressInvalid = new("SmcBlocklistAddressInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A block-list duration is not a whole number of seconds, at least one.</summary>
    public static readonly SmcError BlocklistDurationInvalid = new("SmcBlocklistDurationInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A block-list entry would block every address to every address on every port.</summary>
    public static readonly SmcError BlocklistEntryTooBroad = new("SmcBlocklistEntryTooBroad", SmcErrorKind.InvalidArgument);

    /// <summary>A block-list port is not a number or a range of numbers from 1 to 65535.</summary>
    public static readonly SmcError BlocklistPortInvalid = new("SmcBlocklistPortInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A block-list protocol is neither TCP nor UDP although ports are given.</summary>
    public static readonly SmcError BlocklistProtocolInvalid = new("SmcBlocklistProtocolInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>An engine element lacks the link (for example <c>block_list</c>) an action needs.</summary>
    public static readonly SmcError EngineLinkNotFound = new("SmcEngineLinkNotFound", SmcErrorKind.Protocol);

    /// <summary>-Engine names an engine the SMC does not know.</summary>
    public static readonly SmcError EngineNotFound = new("SmcEngineNotFound", SmcErrorKind.NotFound);

    /// <summary>An href is not an absolute URL on the session's SMC.</summary>
    public static readonly SmcError HrefInvalid = new("SmcHrefInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A record to delete carries no href.</summary>
    public static readonly SmcError HrefMissing = new("SmcHrefMissing", SmcErrorKind.InvalidArgument);

    /// <summary>The SMC refused a request because the API client or administrator lacks the right (403, or 401 after logging in again).</summary>
    public static readonly SmcError RequestForbidden = new("SmcRequestForbidden", SmcErrorKind.PermissionDenied);

    // What the caller typed.

    /// <summary>-Field (or Get-SmcLogField) names a field nobody knows.</summary>
    public static readonly SmcError FieldNotFound = new("SmcFieldNotFound", SmcErrorKind.NotFound);

    /// <summary>A filter hashtable is empty.</summary>
    public static readonly SmcError FilterEmpty = new("SmcFilterEmpty", SmcErrorKind.InvalidArgument);

    /// <summary>A filter names an unknown field.</summary>
    public static readonly SmcError FilterFieldNotFound = new("SmcFilterFieldNotFound", SmcErrorKind.InvalidArgument);

    /// <summary>-Filter is of a type that is not a filter.</summary>
    public static readonly SmcError FilterTypeInvalid = new("SmcFilterTypeInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A filter construct the SMC cannot evaluate.</summary>
    public static readonly SmcError FilterUnsupported = new("SmcFilterUnsupported", SmcErrorKind.InvalidArgument);

    /// <summary>A filter value does not fit its field.</summary>
    public static readonly SmcError FilterValueInvalid = new("SmcFilterValueInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>A filter gives a field no value.</summary>
    public static readonly SmcError FilterValueMissing = new("SmcFilterValueMissing", SmcErrorKind.InvalidArgument);

    /// <summary>-Duration is not a positive time.</summary>
    public static readonly SmcError DurationInvalid = new("SmcDurationInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>-Resolving has an unknown key.</summary>
    public static readonly SmcError ResolvingKeyInvalid = new("SmcResolvingKeyInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>-MaxRecords is below 1, or given together with -All.</summary>
    public static readonly SmcError MaxRecordsInvalid = new("SmcMaxRecordsInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>-TimeZone names no zone known here or to the SMC.</summary>
    public static readonly SmcError TimeZoneNotFound = new("SmcTimeZoneNotFound", SmcErrorKind.InvalidArgument);

    /// <summary>-Since is later than -Until.</summary>
    public static readonly SmcError TimeRangeInvalid = new("SmcTimeRangeInvalid", SmcErrorKind.InvalidArgument);

    /// <summary>Two parameters that cannot be used together were given (for example -Live with -Since).</summary>
    public static readonly SmcError ParameterConflict = new("SmcParameterConflict", SmcErrorKind.InvalidArgument);

    // Loading the module.

    /// <summary>A PowerShell 7 older than 7.4: its .NET lacks the System.Text.Json the module is built for.</summary>
    public static readonly SmcError PowerShellUnsupported = new("SmcPowerShellUnsupported", SmcErrorKind.NotFound);
}
