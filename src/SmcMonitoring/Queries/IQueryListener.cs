using SmcMonitoring.Errors;

namespace SmcMonitoring.Queries;

/// <summary>What a query's caller does with what the runner hands it; always called on the caller's thread.</summary>
internal interface IQueryListener
{
    /// <summary>A message: write its records (the first <see cref="QueryEvent.RecordCount"/> of <see cref="QueryEvent.Records"/>), look at its status.</summary>
    void OnMessage(QueryRunner runner, QueryEvent message);

    /// <summary>A verbose line or a warning.</summary>
    void OnNotice(QueryRunner runner, NoticeLevel level, string text);

    /// <summary>A failure that cost one message, not the query.</summary>
    void OnError(QueryRunner runner, SmcException error);

    /// <summary>The query ended; <see cref="QueryEnd.Failure"/> says whether it failed.</summary>
    void OnEnd(QueryRunner runner, QueryEnd end);
}
