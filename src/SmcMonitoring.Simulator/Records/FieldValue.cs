namespace SmcMonitoring.Simulator.Records;

/// <summary>What a <see cref="FieldValue"/> holds.</summary>
internal enum ValueKind : byte
{
    Absent,
    Time,
    Number,
    Ip,
    Text,
    Sender,

    /// <summary>A block-list entry id: its user-visible number under pretty keys, its opaque key otherwise.</summary>
    EntryId,
}

/// <summary>One field of a generated record: a tagged union that never allocates.</summary>
internal readonly struct FieldValue
{
    private FieldValue(ValueKind kind, long number, IpValue ip, Term? term)
    {
        Kind = kind;
        Number = number;
        Ip = ip;
        Term = term;
    }

    public ValueKind Kind { get; }

    /// <summary>Epoch milliseconds for times, the value for numbers, the user-visible number of an entry id.</summary>
    public long Number { get; }

    /// <summary>The address of an IP value, or the IPv4 address of a sender.</summary>
    public IpValue Ip { get; }

    /// <summary>The text of a text value, the node name of a sender, or the opaque key of an entry id.</summary>
    public Term? Term { get; }

    public bool IsPresent => Kind != ValueKind.Absent;

    public static FieldValue Time(long epochMilliseconds) => new(ValueKind.Time, epochMilliseconds, default, null);

    public static FieldValue Of(long number) => new(ValueKind.Number, number, default, null);

    public static FieldValue Of(IpValue ip) => new(ValueKind.Ip, 0, ip, null);

    public static FieldValue Of(Term term) => new(ValueKind.Text, 0, default, term);

    public static FieldValue Sender(Term name, IpValue address) => new(ValueKind.Sender, 0, address, name);

    public static FieldValue EntryId(long number, Term key) => new(ValueKind.EntryId, number, default, key);
}
