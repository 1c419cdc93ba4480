using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;
using SmcMonitoring.Session;

namespace SmcMonitoring.Queries;

/// <summary>
/// One monitor of the SMC's session socket (docs/protocol.md section 7): its definition, target, default fields (those
/// of the reference client's element classes and tables) and the record type it yields.
/// </summary>
internal sealed class SessionMonitor
{
    private SessionMonitor(string name, string definition, string targetProperty, int[] fieldIds, bool hasHref, Func<RecordShape, object?[], SmcRecord> create, Type recordType)
    {
        Name = name;
        Definition = definition;
        RecordType = recordType;
        TypeName = recordType.FullName + "#Default";
        CustomTypeName = recordType.FullName + "#Custom";
        TargetProperty = targetProperty;
        HasHref = hasHref;
        DefaultFieldIds = fieldIds;
        Create = create;
        DefaultShape = BuildShape(fieldIds.Select(id => FieldCatalog.Default.FindById(id)!), TypeName);
    }

    /// <summary>Connections (CONNECTIONS).</summary>
    public static readonly SessionMonitor Connections = new("Connections", "CONNECTIONS", "Engine",
        new[] { 1, 4, 7, 9, 46, 8, 10, 47, 27, 134, 11, 116 }, false, (s, v) => new SmcConnection(s, v), typeof(SmcConnection));

    /// <summary>Block list (BLOCK_LIST; BLACKLIST on SMCs older than 7.0).</summary>
    public static readonly SessionMonitor BlockList = new("BlockList", "BLOCK_LIST", "Engine",
        new[] { 1, 128, 118, 172, 120, 173, 122, 123, 124, 125, 126, 127, 4, 38, 117 }, true, (s, v) => new SmcBlocklistEntry(s, v), typeof(SmcBlocklistEntry));

    /// <summary>Routing (ROUTING); its time is the reception time, as in the reference.</summary>
    public static readonly SessionMonitor Routing = new("Routing", "ROUTING", "Engine",
        new[] { 24, 4, 13, 113, 47, 164, 160, 161, 165, 163 }, false, (s, v) => new SmcRoute(s, v), typeof(SmcRoute));

    /// <summary>Users (USERS).</summary>
    public static readonly SessionMonitor Users = new("Users", "USERS", "Engine",
        new[] { 1, 3001, 7, 4, 38, 534, 3003 }, false, (s, v) => new SmcUser(s, v), typeof(SmcUser));

    /// <summary>SSL VPN users (SSLVPNV2).</summary>
    public static readonly SessionMonitor SslVpnUsers = new("SslVpnUsers", "SSLVPNV2", "Engine",
        new[] { 809, 810, 4, 7, 3001 }, false, (s, v) => new SmcSslVpnUser(s, v), typeof(SmcSslVpnUser));

    /// <summary>VPN security associations (VPN_SA).</summary>
    public static readonly SessionMonitor VpnSa = new("VpnSa", "VPN_SA", "Engine",
        new[] { 1, 4, 501, 502, 505, 3000, 504, 506, 535, 536, 539, 20007, 20008, 11, 12200, 12201, 534 }, true, (s, v) => new SmcVpnSa(s, v), typeof(SmcVpnSa));

    /// <summary>Active alerts of a domain (ACTIVE_ALERTS).</summary>
    public static readonly SessionMonitor ActiveAlerts = new("ActiveAlerts", "ACTIVE_ALERTS", "Domain",
        new[] { 1, 602, 14, 4, 7, 8, 27, 11, 9, 10, 1000, 20000 }, false, (s, v) => new SmcAlert(s, v), typeof(SmcAlert));

    /// <summary>Neighbors (NEIGHBORS).</summary>
    public static readonly SessionMonitor Neighbors = new("Neighbors", "NEIGHBORS", "Engine",
        new[] { 4, 24, 38, 19, 34, 485, 737, 733, 734, 735, 736 }, false, (s, v) => new SmcNeighbor(s, v), typeof(SmcNeighbor));

    /// <summary>All monitors.</summary>
    public static IReadOnlyList<SessionMonitor> All { get; } = new[] { Connections, BlockList, Routing, Users, SslVpnUsers, VpnSa, ActiveAlerts, Neighbors };

    /// <summary>A short name.</summary>
    public string Name { get; }

    /// <summary>The <c>definition</c> sent in the query.</summary>
    public string Definition { get; }

    /// <summary>The record class.</summary>
    public Type RecordType { get; }

    /// <summary>The type name of records with the default columns (it has a table view).</summary>
    public string TypeName { get; }

    /// <summary>The type name of records with a -Field selection.</summary>
    public string CustomTypeName { get; }

    /// <summary>The property that holds the query's target: Engine, or Domain for active alerts.</summary>
    public string TargetProperty { get; }

    /// <summary>True when records carry an element href (block list, VPN SA).</summary>
    public bool HasHref { get; }

    /// <summary>The default field ids, in column order.</summary>
    public IReadOnlyList<int> DefaultFieldIds { get; }

    internal Func<RecordShape, object?[], SmcRecord> Create { get; }

    /// <summary>
    /// True for a field the monitor is known to carry: its default fields, SessionEvent (always asked for) and, for
    /// the block list, the displayed entry id. Any log field may still be asked for; others may come back empty.
    /// </summary>
    internal bool Carries(int fieldId) =>
        DefaultFieldIds.Contains(fieldId) || fieldId == SessionEventField || (IsBlockList && fieldId == EntryIdField);

    internal RecordShape DefaultShape { get; }

    /// <summary>The SessionEvent field (302): its value 4 marks the end of a snapshot, so a field list always asks for it.</summary>
    internal const int SessionEventField = 302;

    /// <summary>The block list's entry id as the SMC displays it (field 117, pretty format).</summary>
    internal const int EntryIdField = 117;

    /// <summary>The combined block-list format's sub-format with every field (docs/protocol.md 7.3).</summary>
    internal const string BlockListDataFormat = "bldata";

    /// <summary>The combined block-list format's sub-format with the displayed entry id.</summary>
    internal const string BlockListIdFormat = "blid";

    private bool IsBlockList => Definition == "BLOCK_LIST";

    /// <summary>
    /// The request of this monitor for <paramref name="target"/>, as the reference's fetch_as_element sends it: every
    /// field keyed by id and no field list (the block list: its combined format), unless <paramref name="fields"/>
    /// selects some, to which SessionEvent is added for the end rules. <paramref name="rawFormat"/> asks for the
    /// SMC's own keys instead (-Raw -FieldFormat). The block list's definition depends on the SMC's product version
    /// (BLACKLIST before 7.0, docs/protocol.md 2.9), which is asked once per session.
    /// </summary>
    internal SessionQuery BuildQuery(SmcSession session, string? target, IReadOnlyList<FieldDefinition>? fields, FieldFormat? rawFormat, Queries.ResolvingOptions resolving, CancellationToken cancellationToken)
    {
        var definition = Definition;
        if (IsBlockList)
        {
            var version = session.GetProductVersionAsync(cancellationToken).GetAwaiter().GetResult();
            definition = int.TryParse(version.Split('.')[0], out var major) && major < 7 ? "BLACKLIST" : "BLOCK_LIST";
        }
        var query = new SessionQuery(definition, target);
        if (IsBlockList && rawFormat is null)
        {
            var data = new QueryFormat { FieldFormat = FieldFormat.Name, Resolving = resolving };
            AddFieldIds(data, fields);
            var entryId = new QueryFormat { FieldFormat = FieldFormat.Pretty };
            entryId.FieldIds.Add(EntryIdField);
            query.CombinedFormats = new Dictionary<string, QueryFormat> { [BlockListDataFormat] = data, [BlockListIdFormat] = entryId };
            return query;
        }
        query.Format.Resolving = resolving;
        query.Format.FieldFormat = rawFormat ?? FieldFormat.Id;
        AddFieldIds(query.Format, fields);
        return query;
    }

    private static void AddFieldIds(QueryFormat format, IReadOnlyList<FieldDefinition>? fields)
    {
        if (fields is null) { return; }
        foreach (var field in fields) { format.FieldIds.Add(field.Id); }
        if (!format.FieldIds.Contains(SessionEventField)) { format.FieldIds.Add(SessionEventField); }
    }

    /// <summary>A shape with the given fields followed by the session columns (and the href, entry id and target).</summary>
    internal RecordShape BuildShape(IEnumerable<FieldDefinition> fields, string typeName)
    {
        var columns = new List<RecordColumn>();
        foreach (var field in fields) { columns.Add(new RecordColumn(field.Property, field, field.Kind)); }
        if (Definition == "BLOCK_LIST") { columns.Insert(0, new RecordColumn("EntryId", null, FieldKind.String, ColumnSource.EntryId)); }
        columns.Add(new RecordColumn(TargetProperty, null, FieldKind.String, ColumnSource.Target));
        if (HasHref) { columns.Add(new RecordColumn("Href", null, FieldKind.String, ColumnSource.Href)); }
        columns.Add(new RecordColumn("Change", null, FieldKind.String, ColumnSource.Change));
        columns.Add(new RecordColumn("FirstFetch", null, FieldKind.String, ColumnSource.FirstFetch));
        columns.Add(new RecordColumn("DeltaKey", null, FieldKind.String, ColumnSource.DeltaKey));
        return new RecordShape(columns, typeName) { EntryIdSubFormat = IsBlockList ? BlockListIdFormat : null };
    }
}
