using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using SmcMonitoring.Fields;
using SmcMonitoring.Records;
using SmcMonitoring.Errors;

namespace SmcMonitoring.Filters;

/// <summary>
/// Turns the values a user gives for one field into filter value nodes, by the field's kind from the catalog (never
/// by guessing from the value): addresses, networks, ranges and element hrefs for address fields, <c>TCP/80</c> for
/// services, names or numbers for constants, integers for ports and numbers, strings for string fields.
/// </summary>
internal static class FilterValueConverter
{
    private static readonly Regex ServicePattern = new(@"^(TCP|UDP|SCTP)/\d{1,5}$|^ICMP/\d{1,3}(/\d{1,3})?$|^ICMPV6/\d{1,3}(/\d{1,3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, int> DataTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IPS_LOGS"] = 0, ["FW_LOGS"] = 1, ["ALERTS"] = 3, ["ALERT_EVENTS"] = 4, ["IPS_RECORDINGS"] = 5, ["COUNTERS"] = 8,
        ["AUDIT"] = 9, ["SSL_VPN"] = 28, ["THIRD_PARTY"] = 29, ["BLACKLIST_LOG"] = 35, ["BLOCK_LIST_LOG"] = 35, ["L2FW_LOGS"] = 36,
        ["SSL_VPN_SESSION_MONITORING"] = 38, ["NEIGHBOR_MONITORING"] = 40,
    };

    private static readonly Dictionary<string, int> Protocols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ICMP"] = 1, ["IGMP"] = 2, ["TCP"] = 6, ["UDP"] = 17, ["GRE"] = 47, ["ESP"] = 50, ["AH"] = 51, ["ICMPv6"] = 58, ["SCTP"] = 132,
    };

    /// <summary>The values of <paramref name="value"/> (one value or a list), flattened.</summary>
    public static List<object> Flatten(object? value, string fieldName)
    {
        var items = new List<object>();
        Add(value);
        if (items.Count == 0)
        {
            throw Invalid(SmcErrors.FilterValueMissing, $"The filter gives field '{fieldName}' no value (null or an empty list). Give one value or a list of values; to test that the field has a value use Defined = '{fieldName}'.");
        }
        return items;

        void Add(object? item)
        {
            switch (item)
            {
                case null:
                    break;
                case string text:
                    items.Add(text);
                    break;
                case IDictionary:
                    items.Add(item);
                    break;
                case IEnumerable list:
                    foreach (var element in list) { Add(element); }
                    break;
                default:
                    items.Add(item);
                    break;
            }
        }
    }

    /// <summary>
    /// The filter for "field equals any of <paramref name="values"/>": one <c>in</c> node, OR'ed with translated
    /// range expressions when the values include address ranges.
    /// </summary>
    public static SmcFilter AnyOf(FieldDefinition field, IReadOnlyList<object> values)
    {
        var inValues = new List<FilterValue>();
        var ranges = new List<SmcFilter>();
        foreach (var value in values)
        {
            if (field.Kind == FieldKind.Ip && value is string text && TryRange(text, out var from, out var to))
            {
                var function = from.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
                ranges.Add(new TranslatedFilter($"${field.Name} IN range({function}(\"{from}\"),{function}(\"{to}\"))"));
                continue;
            }
            inValues.Add(Convert(field, value));
        }
        var filters = new List<SmcFilter>();
        if (inValues.Count > 0) { filters.Add(new InFilter(FilterValue.Field(field.Id), inValues)); }
        filters.AddRange(ranges);
        return filters.Count == 1 ? filters[0] : new LogicalFilter("or", filters);
    }

    /// <summary>One value node for <paramref name="value"/> as a value of <paramref name="field"/>.</summary>
    public static FilterValue Convert(FieldDefinition field, object value)
    {
        var text = value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return FilterValue.Element(text);
        }
        switch (field.Kind)
        {
            case FieldKind.Ip:
                if (value is IPAddress address) { return FilterValue.Ip(address.ToString()); }
                if (IsAddressOrNetwork(text)) { return FilterValue.Ip(text.Trim()); }
                throw WrongKind(field, value, "an IPv4 or IPv6 address (192.0.2.10), a CIDR network (10.0.0.0/8), a range (10.0.0.1-10.0.0.99) or an element href");
            case FieldKind.Service:
                if (ServicePattern.IsMatch(text.Trim())) { return FilterValue.Service(text.Trim().ToUpperInvariant()); }
                throw WrongKind(field, value, "a service such as TCP/443, UDP/53 or ICMP/8/0");
            case FieldKind.Port:
            case FieldKind.Number:
                if (TryInteger(value, out var number) && (field.Kind != FieldKind.Port || number is >= 0 and <= 65535)) { return FilterValue.NumberValue(number); }
                throw WrongKind(field, value, field.Kind == FieldKind.Port ? "a port number from 0 to 65535" : "an integer");
            case FieldKind.Action:
                return FilterValue.Constant(Constant<SmcAction>(field, value));
            case FieldKind.Severity:
                return FilterValue.Constant(Constant<SmcSeverity>(field, value));
            case FieldKind.DataType:
                if (TryInteger(value, out var dataType)) { return FilterValue.Constant(dataType); }
                if (DataTypes.TryGetValue(text.Trim().Replace(' ', '_'), out var known)) { return FilterValue.Constant(known); }
                throw WrongKind(field, value, "a data type id or name (" + string.Join(", ", DataTypes.Keys) + ")");
            case FieldKind.Protocol:
                if (TryInteger(value, out var protocol) && protocol is >= 0 and <= 255) { return FilterValue.NumberValue(protocol); }
                if (Protocols.TryGetValue(text.Trim(), out var protocolNumber)) { return FilterValue.NumberValue(protocolNumber); }
                throw WrongKind(field, value, "an IP protocol name (" + string.Join(", ", Protocols.Keys) + ") or number");
            case FieldKind.Time:
                throw WrongKind(field, value, "nothing: time fields cannot be compared in a filter; use -Since and -Until");
            default:
                if (value is string || value is ValueType) { return FilterValue.String(text); }
                throw WrongKind(field, value, "a string");
        }
    }

    private static long Constant<T>(FieldDefinition field, object value) where T : struct
    {
        if (value is T typed) { return System.Convert.ToInt64(typed, CultureInfo.InvariantCulture); }
        if (TryInteger(value, out var number) && Enum.IsDefined(typeof(T), (int)number)) { return number; }
        var text = (value as string ?? string.Empty).Replace(" ", string.Empty).Replace("_", string.Empty);
        if (text.Length > 0 && !char.IsDigit(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var parsed))
        {
            return System.Convert.ToInt64(parsed, CultureInfo.InvariantCulture);
        }
        throw WrongKind(field, value, "one of " + string.Join(", ", Enum.GetNames(typeof(T))) + " (or its number)");
    }

    private static bool TryInteger(object value, out long number)
    {
        switch (value)
        {
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case uint u: number = u; return true;
            case string text: return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
            case double d when d == Math.Floor(d) && Math.Abs(d) < long.MaxValue: number = (long)d; return true;
            default: number = 0; return false;
        }
    }

    private static bool IsAddressOrNetwork(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address) || !(parts[0].Contains(":") || parts[0].Split('.').Length == 4)) { return false; }
        if (parts.Length == 1) { return true; }
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= max;
    }

    private static bool TryRange(string text, out IPAddress from, out IPAddress to)
    {
        from = to = IPAddress.None;
        var parts = text.Split('-');
        return parts.Length == 2 && IsAddressOrNetwork(parts[0]) && !parts[0].Contains("/") && IsAddressOrNetwork(parts[1]) && !parts[1].Contains("/")
            && IPAddress.TryParse(parts[0].Trim(), out from!) && IPAddress.TryParse(parts[1].Trim(), out to!)
            && from.AddressFamily == to.AddressFamily;
    }

    private static SmcException WrongKind(FieldDefinition field, object value, string expected) =>
        Invalid(SmcErrors.FilterValueInvalid, $"The filter value '{value}' does not fit field '{field.Property}' ({field.Kind}): expected {expected}.");

    internal static SmcException Invalid(SmcError error, string message) => error.Create(message);
}
