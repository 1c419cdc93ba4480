using System.Collections.Generic;

namespace SmcMonitoring.Protocol;

/// <summary>Which array of a session-monitor <c>records</c> object a record came from; logs have none.</summary>
internal enum RecordChange
{
    /// <summary>A log record (the log socket sends a plain array).</summary>
    None,
    /// <summary>From <c>records.added</c>.</summary>
    Added,
    /// <summary>From <c>records.updated</c>.</summary>
    Updated,
    /// <summary>From <c>records.deleted</c>.</summary>
    Deleted,
}

/// <summary>One field description from a <c>fields</c> array (docs/protocol.md 6.4).</summary>
internal sealed class FieldDescriptor
{
    public int Id { get; set; }

    public string? Name { get; set; }

    public string? Pretty { get; set; }

    public string? Comment { get; set; }

    public bool Filterable { get; set; }

    public bool Visible { get; set; }

    public string? RawType { get; set; }

    public string? Resolving { get; set; }
}

/// <summary>The parts of one server message other than its records, which go straight to a sink.</summary>
internal sealed class ServerMessage
{
    public string? Success { get; set; }

    public long? FetchId { get; set; }

    public string? Status { get; set; }

    /// <summary>The <c>end</c> text; null when there was none, or when its value was not text (see <see cref="IgnoredEnd"/>).</summary>
    public string? End { get; set; }

    /// <summary>The JSON of an <c>end</c> whose value was not text (<c>{"end":[]}</c>), which ends nothing.</summary>
    public string? IgnoredEnd { get; set; }

    public string? Failure { get; set; }

    public List<FieldDescriptor>? Fields { get; set; }

    /// <summary>The <c>statistics</c> value as JSON text (its structure is not documented).</summary>
    public string? Statistics { get; set; }

    /// <summary>True when the message had a <c>records</c> key (even an empty one).</summary>
    public bool HasRecords { get; set; }

    /// <summary>Records handed to the sink.</summary>
    public int RecordCount { get; set; }

    /// <summary>Well-formed records past the limit the parse was given, skipped without being read.</summary>
    public int RecordsOverLimit { get; set; }

    /// <summary>Items of a records array that were not JSON objects, skipped.</summary>
    public int WrongTypeRecords { get; set; }

    /// <summary>The positions (0-based, in the message) of the first few of <see cref="WrongTypeRecords"/>.</summary>
    public List<int>? WrongTypePositions { get; set; }
}

/// <summary>Receives each record of a message as the parser reaches it.</summary>
internal interface IRecordSink
{
    /// <summary>Reads one record; <paramref name="reader"/> is on its StartObject and must be left on its EndObject.</summary>
    void Read(ref System.Text.Json.Utf8JsonReader reader, RecordChange change);
}
