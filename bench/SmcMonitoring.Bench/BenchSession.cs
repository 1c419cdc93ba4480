using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Queries;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Bench;

/// <summary>Logging in and the request every measure sends: a stored fetch with the default log fields, as Get-SmcLog sends it.</summary>
internal static class BenchSession
{
    public static Task<SmcSession> ConnectAsync(BenchArguments arguments)
    {
        var key = new SecureString();
        foreach (var c in arguments.ApiKey) { key.AppendChar(c); }
        key.MakeReadOnly();
        return SmcSession.ConnectAsync(new SmcConnectionSettings { Url = arguments.Url, ApiKey = key }, CancellationToken.None);
    }

    public static byte[] StoredLogRequest(int quantity)
    {
        var query = new LogQuery { Quantity = quantity };
        foreach (var id in LogShapes.DefaultFieldIds) { query.Format.FieldIds.Add(id); }
        return query.ToRequestJson();
    }

    public static string DefaultFieldList => string.Join(",", LogShapes.DefaultFieldIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
