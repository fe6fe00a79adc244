using System.IO;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Reporting;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests.BundledRules;

public class CatalogueTests
{
    [Fact]
    public void The_known_issues_catalogue_in_docs_is_generated_from_the_current_rules()
    {
        var writer = new StringWriter();
        CatalogWriter.Write(KnowledgeBase.LoadBundled(), writer);

        var committed = File.ReadAllText(Repository.Path("docs", "known-issues.md"));

        committed.Should().Be(writer.ToString(), "docs/known-issues.md is out of date: run 'dotnet run --project src/PxeRules.Cli -- docs -o docs/known-issues.md'");
    }
}
