using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using FluentAssertions;
using PxeRules.Cli;
using PxeRules.Evaluation;
using PxeRules.Model;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>
/// Values read from a machine never reach a shell, a terminal or a document as they are: a WDS root folder that
/// would end a remediation command and start another, and a machine name carrying terminal escapes and a
/// right-to-left override, in a snapshot checked with every output format.
/// </summary>
public sealed class HostileOutputTests : IDisposable
{
    private const string HostileFolder = "D:\\RemoteInstall\" & rd /s /q \"C:\\";
    private const string HostileName = "PXE\u001b[31m01\u0007\u202Egnp.exe";
    private const string Markup = " <script>alert(1)</script> [click](javascript:alert(1))";

    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-hostile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The healthy sample site, with WDS on the PXE service point configured natively at a hostile folder under a hostile name.</summary>
    private string HostileSnapshot()
    {
        var snapshot = JsonNode.Parse(File.ReadAllText(Repository.Path("samples", "snapshots", "healthy-pxe-service-point.json")))!;
        var pxe = snapshot["machines"]!.AsArray().Single(m => (string?)m!["name"] == "PXE01")!;
        pxe["name"] = HostileName;
        var wds = pxe["probes"]!.AsArray().Single(p => (string?)p!["kind"] == "wds")!["value"]!;
        wds["rootFolder"] = HostileFolder + Markup;
        wds["answerRequests"] = true;
        var path = Path.Combine(folder, "hostile.json");
        File.WriteAllText(path, snapshot.ToJsonString());
        return path;
    }

    private static async Task<(int Code, string Out)> Run(bool terminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CliApp(new CliConsole(output, error, terminal, _ => null)).RunAsync(args);
        error.ToString().Should().BeEmpty();
        return (code, output.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_console_withholds_the_command_and_shows_control_characters_escaped(bool terminal)
    {
        var (code, output) = await Run(terminal, "check", "-s", HostileSnapshot(), "--id", "wds-configured-natively");

        code.Should().Be(1);
        output.Split('\n').Where(l => l.TrimStart().StartsWith(">", StringComparison.Ordinal))
            .Should().NotContain(l => l.Contains("rd /s /q", StringComparison.Ordinal), "no command line carries the folder's second command");
        var words = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        words.Should().Contain("command withheld: The value of 'wds.rootFolder'")
            .And.Contain("holds \" or %, which cmd.exe cannot take as part of one argument");
        output.Should().NotContain("\u0007").And.NotContain("\u202E").And.NotContain("\u001b[31m01");
        words.Should().Contain("\\u001b[31m01\\u0007\\u202egnp.exe");
    }

    [Fact]
    public async Task Markdown_escapes_markup_and_keeps_no_script_no_heading_and_no_javascript_link()
    {
        var (_, output) = await Run(false, "check", "-s", HostileSnapshot(), "--id", "wds-configured-natively", "--format", "markdown");

        output.Should().NotContain("<script>").And.NotContain("\u001b").And.NotContain("\u202E");
        output.Should().NotMatchRegex(@"(?<!\\)\]\(javascript:", "a link needs an unescaped ']('");
        output.Should().Contain("&lt;script&gt;").And.Contain("*Command withheld:*");
        output.Split('\n').Where(l => l.StartsWith("#", StringComparison.Ordinal))
            .Should().OnlyContain(l => l == "# PxeRules report" || l.StartsWith("## ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_and_junit_carry_the_withheld_reason_and_stay_well_formed()
    {
        var (_, json) = await Run(false, "check", "-s", HostileSnapshot(), "--id", "wds-configured-natively", "--format", "json");
        var (_, junit) = await Run(false, "check", "-s", HostileSnapshot(), "--id", "wds-configured-natively", "--format", "junit");

        // The renamed machine is judged; PXE01, which the site still lists, is reported as not collected.
        var step = JsonNode.Parse(json)!["results"]!.AsArray().SelectMany(r => r!["remediation"]!.AsArray()).Single(s => (string?)s!["commandWithheld"] is not null)!;
        ((string?)step["command"]).Should().BeNull();
        ((string?)step["shell"]).Should().Be("cmd");
        var act = () => XDocument.Parse(junit);
        act.Should().NotThrow("characters XML cannot hold are escaped");
        junit.Should().Contain("\\u0007").And.NotContain("\u0007");
    }

    [Fact]
    public async Task Html_shows_markup_as_text_with_controls_escaped_and_the_command_marked_withheld()
    {
        var (_, html) = await Run(false, "check", "-s", HostileSnapshot(), "--id", "wds-configured-natively", "--format", "html");

        html.Should().NotContain("<script>").And.NotContain("\u001b").And.NotContain("\u202E").And.NotContain("\u0007");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("\\u001b[31m01\\u0007\\u202egnp.exe");
        html.Should().NotContain("href=\"javascript:", "a link in a value is text");
        html.Should().Contain("<p class=\"withheld\"><b>Command withheld:</b> The value of &#39;wds.rootFolder&#39;");
        System.Text.RegularExpressions.Regex.Matches(html, "<pre><code[^>]*>([^<]*)</code></pre>").Select(m => m.Groups[1].Value)
            .Should().NotContain(c => c.Contains("rd /s /q", StringComparison.Ordinal), "no command shown carries the folder's second command");
    }

    [Theory]
    [InlineData("rd /s /q \"{{ f }}\"", CommandShell.Cmd, "D:\\Remote Install", "rd /s /q \"D:\\Remote Install\"")]
    [InlineData("dir {{ f }}", CommandShell.Cmd, "D:\\Remote Install", "dir \"D:\\Remote Install\"")]
    [InlineData("dir {{ f }}", CommandShell.Cmd, "D:\\RemoteInstall", "dir D:\\RemoteInstall")]
    [InlineData("dir {{ f }}", CommandShell.Cmd, "D:\\a&b", "dir \"D:\\a&b\"")]
    [InlineData("rd /s /q \"{{ f }}\"", CommandShell.Cmd, "D:\\x\" & rd /s /q \"C:\\", null)]
    [InlineData("type \"{{ f }}\"", CommandShell.Cmd, "%ComSpec%", null)]
    [InlineData("type \"{{ f }}\"", CommandShell.Cmd, "a\nb", null)]
    [InlineData("Remove-Item -Recurse '{{ f }}'", CommandShell.PowerShell, "D:\\it's", "Remove-Item -Recurse 'D:\\it''s'")]
    [InlineData("Remove-Item -Recurse {{ f }}", CommandShell.PowerShell, "D:\\$(Stop-Computer)", "Remove-Item -Recurse 'D:\\$(Stop-Computer)'")]
    [InlineData("Get-Item \"{{ f }}\"", CommandShell.PowerShell, "D:\\$(Stop-Computer)", null)]
    [InlineData("Get-Item {{ f }}", CommandShell.PowerShell, "D:\\a\u001b", null)]
    public void A_value_is_quoted_for_its_shell_or_the_command_is_withheld(string command, CommandShell shell, string value, string? expected)
    {
        var template = Template.TryParse(command, out _, out _)!;

        var rendered = CommandQuoting.Render(template, shell, _ => value, out var withheld);

        rendered.Should().Be(expected);
        (withheld is null).Should().Be(expected is not null);
    }
}
