using System.Collections.Generic;
using SmcMonitoring.Session;
using Xunit;

namespace SmcMonitoring.Tests.Unit;

public class ConfigurationReaderTests
{
    [Fact]
    public void Smcrc_builds_the_url_from_address_port_and_ssl()
    {
        var settings = SmcConfigurationReader.FromIni("[smc]\nsmc_address=10.0.0.5\nsmc_apikey=abc\nsmc_port=9000\nsmc_ssl=yes\ndomain=Branches\ntimeout=12\napi_version=6.10\n", "file");
        Assert.NotNull(settings);
        Assert.Equal("https://10.0.0.5:9000/", settings!.Url.ToString());
        Assert.Equal("Branches", settings.Domain);
        Assert.Equal(12, settings.Timeout.TotalSeconds);
        Assert.Equal("6.10", settings.ApiVersion);
        // As in the reference: https without a CA file means no verification.
        Assert.True(settings.SkipCertificateCheck);
    }

    [Fact]
    public void Smcrc_defaults_are_port_8082_http_and_shared_domain()
    {
        var settings = SmcConfigurationReader.FromIni("[smc]\nsmc_address=smc\nsmc_apikey=abc\n", "file")!;
        Assert.Equal("http://smc:8082/", settings.Url.ToString());
        Assert.Equal("Shared Domain", settings.Domain);
        Assert.False(settings.SkipCertificateCheck);
    }

    [Fact]
    public void Incomplete_smcrc_is_ignored()
    {
        Assert.Null(SmcConfigurationReader.FromIni("[smc]\nsmc_address=smc\n", "file"));
        Assert.Null(SmcConfigurationReader.FromIni("[other]\nsmc_address=smc\nsmc_apikey=abc\n", "file"));
    }

    [Fact]
    public void Environment_variables_give_url_key_domain_and_extra_login_arguments()
    {
        var env = new Dictionary<string, string>
        {
            ["SMC_ADDRESS"] = "https://10.0.0.5",
            ["SMC_API_KEY"] = "abc",
            ["SMC_DOMAIN"] = "Branches",
            ["SMC_TIMEOUT"] = "7",
            ["SMC_EXTRA_ARGS"] = "{\"beta\": true, \"retry_on_busy\": true}",
        };
        var settings = SmcConfigurationReader.FromEnvironment(name => env.TryGetValue(name, out var v) ? v : null)!;
        Assert.Equal("https://10.0.0.5:8082/", settings.Url.ToString());
        Assert.Equal("Branches", settings.Domain);
        Assert.Equal(7, settings.Timeout.TotalSeconds);
        Assert.True(settings.ExtraLoginArguments.ContainsKey("beta"));
        Assert.False(settings.ExtraLoginArguments.ContainsKey("retry_on_busy"));
    }

    [Fact]
    public void Environment_without_key_gives_nothing_and_invalid_extra_args_are_ignored()
    {
        Assert.Null(SmcConfigurationReader.FromEnvironment(name => name == "SMC_ADDRESS" ? "http://smc:8082" : null));
        var settings = SmcConfigurationReader.FromEnvironment(name => name switch
        {
            "SMC_ADDRESS" => "http://smc:8083",
            "SMC_API_KEY" => "k",
            "SMC_EXTRA_ARGS" => "{not json",
            _ => null,
        })!;
        Assert.Equal(8083, settings.Url.Port);
        Assert.Empty(settings.ExtraLoginArguments);
    }
}
