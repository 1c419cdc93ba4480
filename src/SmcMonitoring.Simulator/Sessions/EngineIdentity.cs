using SmcMonitoring.Simulator.Logs;
using SmcMonitoring.Simulator.Records;

namespace SmcMonitoring.Simulator.Sessions;

/// <summary>
/// An engine as session monitors show it: its name, its element number (the <c>n</c> of
/// <c>elements/single_fw/n/...</c> hrefs), its nodes, and the networks its tables are made of.
/// </summary>
/// <param name="Name">The engine (target) name.</param>
/// <param name="Number">The element number in hrefs.</param>
/// <param name="Nodes">Its nodes, e.g. "fw-east node 1", with their addresses.</param>
/// <param name="Site">A byte derived from the name: the second octet of its internal 10.x networks.</param>
/// <param name="External">Its external (public) address, 198.51.100.x, on the 198.51.100.0/24 uplink.</param>
/// <param name="Type">Its element type, the <c>single_fw</c> of its hrefs (a listed engine may be a <c>fw_cluster</c> ...).</param>
internal sealed record EngineIdentity(string Name, int Number, EngineNode[] Nodes, byte Site, IpValue External, string Type = ConfiguredEngine.DefaultType);
