using System;
using FluentAssertions;
using Xunit;

namespace PxeRules.Tests.Reporting;

/// <summary>The one path text from machines and files takes before it is shown.</summary>
public class DisplayTextTests
{
    [Theory]
    [InlineData("PXE01", "PXE01")]
    [InlineData("a\u001b[2Jb", "a\\u001b[2Jb")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("abc\u202Eexe.txt", "abc\\u202eexe.txt")]
    [InlineData("rtl\u2067x\u2069", "rtl\\u2067x\\u2069")]
    [InlineData("zero\u200Bwidth", "zero\\u200bwidth")]
    [InlineData("c1\u009Bx", "c1\\u009bx")]
    [InlineData("two\nlines", "two\\u000alines")]
    [InlineData("", "")]
    public void Escape_shows_controls_as_escapes_and_leaves_the_rest(string text, string expected) =>
        DisplayText.Escape(text).Should().Be(expected);

    [Fact]
    public void Escape_can_keep_line_feeds_for_multi_line_output() =>
        DisplayText.Escape("a\nb\rc", keepLineBreaks: true).Should().Be("a\nb\\u000dc");

    [Theory]
    [InlineData("# Injected heading", "\\# Injected heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. item", "\\1. item")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))")]
    [InlineData("![img](http://x/y.png)", "!\\[img\\](http://x/y.png)")]
    [InlineData("a | b", "a \\| b")]
    [InlineData("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`")]
    [InlineData("C:\\WINDOWS", "C:\\\\WINDOWS")]
    [InlineData("line\n# two", "line\\\\u000a# two")]
    public void Markdown_text_cannot_add_structure_links_or_html(string text, string expected) =>
        DisplayText.ForMarkdown(text).Should().Be(expected);

    [Theory]
    [InlineData("net stop WDSServer", "`net stop WDSServer`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    public void A_code_span_is_fenced_past_any_backticks_inside(string text, string expected) =>
        DisplayText.ForMarkdownCode(text).Should().Be(expected);

    [Fact]
    public void A_code_block_fence_is_longer_than_any_backtick_run_inside() =>
        DisplayText.ForMarkdownCodeBlock("a ```` b").Should().Be("`````text\na ```` b\n`````");

    [Fact]
    public void Xml_text_holds_only_characters_xml_allows() =>
        DisplayText.ForXml("a\u0001b\t\uFFFE<&>\"'\uD800x\uD83D\uDE00").Should().Be("a\\u0001b\t\\ufffe&lt;&amp;&gt;&quot;&apos;\\ud800x\uD83D\uDE00");

    [Fact]
    public void Html_text_is_entity_encoded() =>
        DisplayText.ForHtml("<b onclick=\"x\">'&'</b>\u202E").Should().Be("&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;\\u202e");

    [Theory]
    [InlineData("https://learn.microsoft.com/x", true)]
    [InlineData("http://support.microsoft.com/kb/2510665", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("data:text/html,<script>", false)]
    public void Only_http_and_https_links_are_kept(string url, bool kept) =>
        (DisplayText.SafeLink(new Uri(url)) is not null).Should().Be(kept);
}
