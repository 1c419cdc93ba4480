using System.Management.Automation;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Cmdlets;

/// <summary>The one place an <see cref="SmcException"/> becomes an ErrorRecord: its id, and the category of its kind.</summary>
internal static class ErrorRecords
{
    /// <summary>An ErrorRecord for <paramref name="exception"/>, about <paramref name="target"/>.</summary>
    public static ErrorRecord From(SmcException exception, object? target) =>
        new(exception, exception.ErrorId, CategoryOf(exception.Kind), target);

    private static ErrorCategory CategoryOf(SmcErrorKind kind) => kind switch
    {
        SmcErrorKind.Connection => ErrorCategory.ConnectionError,
        SmcErrorKind.Authentication => ErrorCategory.AuthenticationError,
        SmcErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        SmcErrorKind.Refused => ErrorCategory.InvalidOperation,
        SmcErrorKind.Protocol => ErrorCategory.InvalidData,
        SmcErrorKind.Timeout => ErrorCategory.OperationTimeout,
        SmcErrorKind.NoSession => ErrorCategory.ResourceUnavailable,
        SmcErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        SmcErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        _ => ErrorCategory.NotSpecified,
    };
}
