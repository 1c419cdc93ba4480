using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Session;

/// <summary>
/// Reading REST answers with a bound on their size and on their time: a broken or hostile server that sends an
/// endless or huge body costs at most the limit, and a body that trickles in costs at most -TimeoutSec.
/// </summary>
internal sealed partial class SmcRestClient
{
    /// <summary>The largest login, version list, entry points or current-user answer accepted: they are a few KB on a real SMC.</summary>
    internal const int SmallBodyLimit = 1024 * 1024;

    /// <summary>How much of an error answer is read for its text.</summary>
    private const int ErrorBodyLimit = 64 * 1024;

    /// <summary>The largest other answer accepted (an element, an engine search): the session's -MaxMessageSizeMB.</summary>
    internal int LargeBodyLimit => _settings.MaxMessageBytes;

    /// <summary>
    /// The body of <paramref name="response"/>, refused with <see cref="SmcErrors.ResponseTooLarge"/> as soon as it
    /// passes its limit (<see cref="SmallBodyLimit"/> when <paramref name="small"/>, else <see cref="LargeBodyLimit"/>), and with <see cref="SmcErrors.RequestTimeout"/> when it is not complete
    /// within the session's timeout.
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, HttpRequestMessage request, bool small, CancellationToken cancellationToken)
    {
        if (response.Content is null) { return Array.Empty<byte>(); }
        var limit = small ? SmallBodyLimit : LargeBodyLimit;
        var path = request.RequestUri?.AbsolutePath;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(request.Method, path, small, $"it announced {declared:N0} bytes");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Timeout);
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            // Not every stream of .NET Framework honours a token on ReadAsync: disposing the answer ends the read.
            using var stop = deadline.Token.Register(response.Dispose);
            var body = await ReadAtMostAsync(stream, limit, deadline.Token).ConfigureAwait(false);
            return body ?? throw TooLarge(request.Method, path, small, "it sent more");
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            throw SmcErrors.RequestTimeout.Create($"The SMC at {_settings.Url} did not finish its answer to {request.Method} {path} within {_settings.Timeout.TotalSeconds:0} seconds (-TimeoutSec).", ex);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is ObjectDisposedException or IOException or HttpRequestException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw SmcErrors.UrlUnreachable.Create($"The SMC at {_settings.Url} broke off its answer to {request.Method} {path}: {Innermost(ex).Message}", ex);
        }
    }

    /// <summary>The first <see cref="ErrorBodyLimit"/> bytes of an error answer as text, within the session's timeout; what cannot be read is left out.</summary>
    private async Task<string> ReadErrorBodyAsync(HttpResponseMessage response)
    {
        if (response.Content is null) { return string.Empty; }
        using var deadline = new CancellationTokenSource(_settings.Timeout);
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var stop = deadline.Token.Register(response.Dispose);
            var buffer = new byte[ErrorBodyLimit];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer, length, buffer.Length - length, deadline.Token).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    /// <summary>All of <paramref name="stream"/>, or null as soon as it holds more than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit) { return null; }
            body.Write(chunk, 0, read);
        }
        return body.ToArray();
    }

    private SmcException TooLarge(HttpMethod method, string? path, bool small, string how)
    {
        var limit = small ? SmallBodyLimit : LargeBodyLimit;
        var which = small
            ? "the limit for a login, version list, entry points or current-user answer, which are a few KB on a real SMC"
            : "-MaxMessageSizeMB of Connect-SmcSession; raise it if the SMC really sends answers that large";
        return SmcErrors.ResponseTooLarge.Create(
            $"The SMC at {_settings.Url} answered {method} {path} with a body larger than {Megabytes(limit)} ({how}); the answer was refused and the rest of it not read: {which}.");
    }

    private static string Megabytes(int bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes:N0} bytes";
}
