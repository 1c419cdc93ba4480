namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// One row of a session table as a stamp, not as values: its values are a pure function of the table's scope,
/// <see cref="Id"/> and <see cref="Version"/>, so a table of a million rows holds no records.
/// </summary>
/// <param name="Id">The row's identity (its delta_key); rows of the initial table are 0..n-1, added rows continue after them.</param>
/// <param name="Version">0 at creation, one more after every update.</param>
/// <param name="CreatedAt">Epoch ms the row appeared.</param>
/// <param name="ChangedAt">Epoch ms of its last change (its creation if never updated).</param>
internal readonly record struct SessionRow(long Id, int Version, long CreatedAt, long ChangedAt);

/// <summary>What happened to a row; also the order the arrays of a records message are applied in.</summary>
internal enum ChangeKind : byte
{
    Added,
    Updated,
    Deleted,
}

/// <summary>One change of a table, as its listeners receive it.</summary>
/// <param name="Kind">Added, updated or deleted.</param>
/// <param name="Row">The row after the change (for a delete: as it was when deleted).</param>
/// <param name="Previous">The row before an update, so a filtered fetch can tell whether it entered or left the filter.</param>
internal readonly record struct TableChange(ChangeKind Kind, SessionRow Row, SessionRow Previous);
