using System.Security.Cryptography;
using System.Text;
using AlphaResearch.Agents;

namespace AlphaResearch.Tests.Agents;

public sealed class PromptLibraryTests
{
    private static readonly Dictionary<string, string> ExpectedVersions = new()
    {
        ["cio_evaluation"] = "3",
        ["macro_economist"] = "3",
        ["qual_analyst_system"] = "2",
    };

    private static readonly string[] ExpectedIds =
    [
        "cio_evaluation", "macro_critic", "macro_economist", "peer_review_addition", "peer_review_rationale", "peer_review_selection",
        "qual_analyst_system", "qual_analyst_user", "qual_extract", "quant_analyst_system", "quant_analyst_user", "quant_extract", "thesis_update",
    ];

    [Fact]
    public void Every_needed_prompt_is_embedded_with_id_version_and_body_hash()
    {
        var lib = PromptLibrary.LoadEmbedded();
        Assert.Equal(ExpectedIds, lib.All.Select(p => p.Id).Order(StringComparer.Ordinal));
        foreach (var p in lib.All)
        {
            Assert.Equal($"prompts/{p.Id}.md", p.Resource);
            // Bumped on purpose when a body changes: cio_evaluation v2 asks for keyed decisions and a separate entry_theses list,
            // v3 reads the scorecard; macro_economist v3 reads the cross-asset inputs, the de-risk flag and the scorecard;
            // qual_analyst_system v2 names the EDGAR evidence (XBRL fundamentals, 8-K items, insider activity).
            Assert.Equal(ExpectedVersions.GetValueOrDefault(p.Id, "1"), p.Version);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(p.Body))), p.Ref.Sha256);
            Assert.DoesNotContain("---", p.Body[..3]);
            Assert.NotEmpty(p.Placeholders);
        }
    }

    [Fact]
    public void Hash_is_stable_across_loads()
    {
        var a = PromptLibrary.LoadEmbedded();
        var b = PromptLibrary.LoadEmbedded();
        Assert.Equal(a.All.Select(p => p.Ref), b.All.Select(p => p.Ref));
    }

    [Fact]
    public void Rendering_every_placeholder_leaves_none_behind()
    {
        foreach (var p in PromptLibrary.LoadEmbedded().All)
        {
            var text = p.Render(p.Placeholders.ToDictionary(x => x, x => $"<{x.ToUpperInvariant()}>"));
            foreach (var name in p.Placeholders)
            {
                Assert.DoesNotContain("{" + name + "}", text);
                Assert.Contains($"<{name.ToUpperInvariant()}>", text);
            }
        }
    }

    [Fact]
    public void Missing_or_unknown_placeholder_is_an_error_naming_the_prompt()
    {
        var t = PromptLibrary.Parse("prompts/x.md", "---\nid: x\nversion: 3\n---\nHello {name}, {"+"\"json\": 1}");
        Assert.Equal(["name"], t.Placeholders);
        Assert.Equal("Hello Ann, {\"json\": 1}", t.Render(("name", "Ann")));
        var missing = Assert.Throws<PromptRenderException>(() => t.Render(new Dictionary<string, string>()));
        Assert.Equal("prompt 'x' (prompts/x.md): no value for placeholder(s) {name}", missing.Message);
        var extra = Assert.Throws<PromptRenderException>(() => t.Render(("name", "A"), ("nmae", "B")));
        Assert.Equal("prompt 'x' (prompts/x.md): value(s) given for unknown placeholder(s) nmae", extra.Message);
    }

    [Fact]
    public void Front_matter_without_version_is_rejected_with_the_file_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => PromptLibrary.Parse("prompts/y.md", "---\nid: y\n---\nbody"));
        Assert.Equal("prompts/y.md: front matter lacks 'version' (add 'version: ...' between the '---' lines)", e.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => PromptLibrary.Parse("prompts/z.md", "no front matter"));
        Assert.StartsWith("prompts/z.md: line 1 must be '---'", e2.Message);
    }
}
