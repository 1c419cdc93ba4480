using System;

using SmcMonitoring.Records;

using Xunit;

namespace SmcMonitoring.Tests.Unit;

/// <summary>The cached local-time conversion gives what <see cref="DateTime.ToLocalTime"/> gives, and converts back.</summary>
public sealed class LocalTimesTests
{
    [Fact]
    public void Every_instant_of_a_year_converts_as_ToLocalTime_does_and_back_to_the_same_instant()
    {
        // Steps of 7 min 13.25 s cross every minute boundary and any daylight-saving change of this machine's zone.
        var step = TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(13.25);
        for (var utc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year == 2025; utc += step)
        {
            var local = LocalTimes.FromUtc(utc);
            Assert.Equal(DateTimeKind.Local, local.Kind);
            Assert.Equal(utc.ToLocalTime(), local);
            Assert.Equal(utc, local.ToUniversalTime());
        }
    }
}
