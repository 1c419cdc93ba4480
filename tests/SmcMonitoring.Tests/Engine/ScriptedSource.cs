using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmcMonitoring.Errors;
using SmcMonitoring.Protocol;

namespace SmcMonitoring.Tests.Engine;

/// <summary>
/// A message source whose messages the test delivers one by one, in any order and timing: the seam under the
/// runner, with no socket. It records what the runner sends and how many messages it asked for.
/// </summary>
internal sealed class ScriptedSource : IMessageSource
{
    private readonly SemaphoreSlim _available = new(0);
    private readonly ConcurrentQueue<Func<ReceivedMessage?>> _script = new();
    private volatile bool _aborted;
    private volatile bool _closeSent;
    private volatile bool _answeredClose;
    private int _receives;

    /// <summary>The text messages the runner sent, in order.</summary>
    public ConcurrentQueue<string> Sent { get; } = new();

    /// <summary>How many receives the runner started.</summary>
    public int Receives => Volatile.Read(ref _receives);

    /// <summary>True once the runner aborted or disposed the connection.</summary>
    public bool Aborted => _aborted;

    /// <summary>True once the runner sent a close.</summary>
    public bool CloseSent => _closeSent;

    public bool CanSend => !_aborted && !_closeSent;

    public string? CloseDescription { get; private set; }

    /// <summary>Delivers one message.</summary>
    public ScriptedSource Deliver(string json) => Then(() => ReceivedMessage.Copy(Encoding.UTF8.GetBytes(json)));

    /// <summary>Delivers raw bytes as one text message (for example invalid UTF-8).</summary>
    public ScriptedSource DeliverBytes(byte[] bytes) => Then(() => ReceivedMessage.Copy(bytes));

    /// <summary>The server closes, with a reason.</summary>
    public ScriptedSource CloseWith(string reason) => Then(() =>
    {
        CloseDescription = reason;
        return null;
    });

    /// <summary>The connection breaks.</summary>
    public ScriptedSource Break(string why) => Then(() => throw SmcErrors.ConnectionLost.Create("The connection broke: " + why));

    public Task<ReceivedMessage?> ReceiveAsync()
    {
        Interlocked.Increment(ref _receives);
        return ReceiveCoreAsync();
    }

    private async Task<ReceivedMessage?> ReceiveCoreAsync()
    {
        await _available.WaitAsync().ConfigureAwait(false);
        if (_aborted) { throw SmcErrors.ConnectionLost.Create("The connection was aborted."); }
        if (_answeredClose) { return null; }
        _script.TryDequeue(out var next);
        return next!();
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        if (!CanSend) { throw SmcErrors.ConnectionLost.Create("The connection is closed."); }
        Sent.Enqueue(Encoding.UTF8.GetString(utf8.ToArray()));
        return Task.CompletedTask;
    }

    /// <summary>Closes as an SMC does: a receive waiting (or the next one) sees the server's close.</summary>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        _closeSent = true;
        _answeredClose = true;
        _available.Release();
        return Task.CompletedTask;
    }

    public void Abort()
    {
        _aborted = true;
        _available.Release(1000);
    }

    public void Dispose() => Abort();

    private ScriptedSource Then(Func<ReceivedMessage?> step)
    {
        _script.Enqueue(step);
        _available.Release();
        return this;
    }
}

/// <summary>Hands the runner scripted sources, one per connection it opens.</summary>
internal sealed class ScriptedConnector : SmcMonitoring.Queries.IQueryConnector
{
    private readonly ConcurrentQueue<ScriptedSource> _sources = new();
    private readonly List<ScriptedSource> _opened = new();

    public ScriptedConnector(params ScriptedSource[] sources)
    {
        foreach (var source in sources) { _sources.Enqueue(source); }
    }

    public bool SessionConnected { get; set; } = true;

    public string Peer => "the scripted SMC";

    /// <summary>The sources opened so far.</summary>
    public IReadOnlyList<ScriptedSource> Opened
    {
        get { lock (_opened) { return _opened.ToArray(); } }
    }

    /// <summary>When set, opening waits for this before it answers (a handshake that hangs).</summary>
    public Task? Hang { get; set; }

    public void Add(ScriptedSource source) => _sources.Enqueue(source);

    public async Task<IMessageSource> OpenAsync(CancellationToken cancellationToken)
    {
        if (Hang != null) { await Hang.WaitAsync(cancellationToken).ConfigureAwait(false); }
        if (!_sources.TryDequeue(out var source)) { throw SmcErrors.SocketConnectFailed.Create("The scripted SMC refuses the connection."); }
        lock (_opened) { _opened.Add(source); }
        return source;
    }
}
