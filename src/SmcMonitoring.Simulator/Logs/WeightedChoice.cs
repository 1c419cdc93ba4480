using System.Collections.Generic;

namespace SmcMonitoring.Simulator.Logs;

/// <summary>Picks items in proportion to integer weights with one table lookup.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] table;

    public WeightedChoice(params (T Item, int Weight)[] items)
    {
        var expanded = new List<T>();
        foreach (var (item, weight) in items)
        {
            for (var i = 0; i < weight; i++)
            {
                expanded.Add(item);
            }
        }

        table = expanded.ToArray();
    }

    public T Pick(ref HashStream hash) => table[hash.Below(table.Length)];
}
