using System;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text.Json;
using SmcMonitoring.Simulator.Fields;
using SmcMonitoring.Simulator.Formats;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// The non-field keys of the session record being written: <c>delta_key</c> (base64 of the monitor, a tag of the
/// table and the row id: stable for the row's whole life), <c>first_fetch</c>, and the element href of block-list
/// entries and VPN SAs. One per fetch, re-aimed at each record.
/// </summary>
internal sealed class SessionRecordKeys : IRecordKeys
{
    private static readonly JsonEncodedText DeltaKey = JsonEncodedText.Encode("delta_key");
    private static readonly JsonEncodedText FirstFetch = JsonEncodedText.Encode("first_fetch");

    private readonly SessionTable table;
    private readonly JsonEncodedText? hrefKey;
    private readonly string? hrefPrefix;
    private readonly byte kind;
    private readonly uint tag;
    private readonly bool writeFirstFetch;
    private long rowId;
    private bool firstFetch;
    private bool isMarker;

    /// <param name="table">The table the records come from.</param>
    /// <param name="definition">The query's definition: BLACKLIST records carry <c>blacklist_href</c>, BLOCK_LIST ones <c>block_list_href</c>.</param>
    /// <param name="versionBase">The <c>{base}/{ver}</c> the client connected to.</param>
    /// <param name="writeFirstFetch">Whether records carry <c>first_fetch</c> (rows of a real SMC 6.2 did not).</param>
    public SessionRecordKeys(SessionTable table, SessionDefinition definition, string versionBase, bool writeFirstFetch = true)
    {
        this.table = table;
        this.writeFirstFetch = writeFirstFetch;
        kind = (byte)table.Scope.Kind;
        tag = (uint)table.Scope.Seed;
        var segment = table.Monitor.HrefSegment;
        if (segment is not null && table.Scope.Engine is { } engine)
        {
            hrefKey = JsonEncodedText.Encode(
                definition.Kind == MonitorKind.VpnSa ? "vpn_sa_href" : definition.Legacy ? "blacklist_href" : "block_list_href",
                JsonText.Encoder);
            hrefPrefix = $"{versionBase}/elements/{engine.Type}/{engine.Number}/{segment}/";
        }
    }

    /// <summary>Aims the keys at a row.</summary>
    public void Set(long row, bool first)
    {
        rowId = row;
        firstFetch = first;
        isMarker = false;
    }

    /// <summary>Aims the keys at the "all sessions sent" record, which stands for no row.</summary>
    public void SetMarker()
    {
        rowId = -1;
        firstFetch = true;
        isMarker = true;
    }

    public void WriteFieldKeys(Utf8JsonWriter writer)
    {
        if (hrefKey is { } key && !isMarker)
        {
            writer.WriteString(key, hrefPrefix + table.Monitor.EntryKeyOf(rowId));
        }
    }

    public void WriteRecordKeys(Utf8JsonWriter writer)
    {
        Span<byte> raw = stackalloc byte[12];
        raw[0] = kind;
        raw[1] = (byte)(tag >> 16);
        raw[2] = (byte)(tag >> 8);
        raw[3] = (byte)tag;
        BinaryPrimitives.WriteInt64BigEndian(raw[4..], rowId);
        Span<byte> text = stackalloc byte[16];
        Base64.EncodeToUtf8(raw, text, out _, out var written);
        writer.WriteString(DeltaKey, text[..written]);
        if (writeFirstFetch)
        {
            writer.WriteBoolean(FirstFetch, firstFetch);
        }
    }
}
