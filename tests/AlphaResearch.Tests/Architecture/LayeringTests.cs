using System.Xml.Linq;

namespace AlphaResearch.Tests.Architecture;

/// <summary>
/// The layer order is enforced: a project reference, a package in a bottom project, or a namespace use (using,
/// fully qualified or relative) that goes against <see cref="LayerRules"/> fails the suite, naming file and line.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Src = Path.Combine(RepoRoot(), "src");

    [Fact]
    public void Every_project_under_src_has_a_place_in_the_layer_order()
    {
        var projects = Directory.GetDirectories(Src).Select(Path.GetFileName).Where(d => File.Exists(Csproj(d!))).ToList();
        Assert.Equal(LayerRules.NamespacesOfProject.Keys.Order(), projects.Order()!);
    }

    [Fact]
    public void Project_references_point_down_the_layers_only()
    {
        var wrong = new List<string>();
        foreach (var (project, allowed) in LayerRules.MayReferenceProjects)
        {
            foreach (var reference in ProjectReferences(project))
                if (!allowed.Contains(reference)) wrong.Add($"{project}.csproj references {reference}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_gateway_and_the_core_depend_on_no_other_package()
    {
        var wrong = new List<string>();
        foreach (var (project, allowed) in LayerRules.MayReferencePackages)
        {
            foreach (var package in Items(project, "PackageReference"))
                if (!allowed.Contains(package)) wrong.Add($"{project}.csproj references package {package}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_source_file_declares_a_namespace_of_its_own_project()
    {
        var wrong = new List<string>();
        foreach (var (project, owned) in LayerRules.NamespacesOfProject)
        {
            foreach (var file in Sources(project))
            {
                string? ns = NamespaceOf(File.ReadAllText(file), project);
                if (ns is null || !owned.Contains(ns)) wrong.Add($"{Relative(file)}: namespace AlphaResearch.{ns ?? "?"} does not belong to {project}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Namespaces_use_only_the_layers_below_them()
    {
        var wrong = new List<string>();
        foreach (var project in LayerRules.NamespacesOfProject.Keys)
        {
            foreach (var file in Sources(project))
            {
                string source = File.ReadAllText(file);
                string ns = NamespaceOf(source, project) ?? "?";
                var allowed = LayerRules.MayUse.GetValueOrDefault(ns, []);
                foreach (var use in NamespaceScanner.Uses(source, LayerRules.AllNamespaces))
                {
                    if (use.Namespace != ns && !allowed.Contains(use.Namespace))
                        wrong.Add($"{Relative(file)}:{use.Line}: {ns} uses {use.Namespace} ({use.Text})");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData(typeof(AlphaResearch.Llm.LlmGateway), new string[0])]
    [InlineData(typeof(AlphaResearch.Domain.Sectors), new string[0])]
    [InlineData(typeof(AlphaResearch.Engine.RunEngine), new[] { "AlphaResearch.Core", "AlphaResearch.Llm" })]
    public void Built_assemblies_reference_only_the_layers_below(Type probe, string[] allowed)
    {
        var ours = probe.Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("AlphaResearch", StringComparison.Ordinal) || n == "alpha-research").Order();
        Assert.Equal(allowed.Order(), ours);
    }

    [Fact]
    public void The_layer_order_has_no_cycle()
    {
        var state = new Dictionary<string, int>();
        bool Cyclic(string n)
        {
            if (state.GetValueOrDefault(n) == 1) return true;
            if (state.GetValueOrDefault(n) == 2) return false;
            state[n] = 1;
            bool cyclic = LayerRules.MayUse[n].Any(Cyclic);
            state[n] = 2;
            return cyclic;
        }
        Assert.DoesNotContain(LayerRules.AllNamespaces, Cyclic);
    }

    [Fact]
    public void The_scanner_finds_every_form_of_an_upward_use()
    {
        const string source = """
            using AlphaResearch.Domain;
            using static AlphaResearch.Engine.QuarantineGate;
            namespace AlphaResearch.Scoring;
            // Archive.ResearchDatabase in a comment does not count
            public sealed class X
            {
                private readonly string _s = "Publishing.Publisher in a string does not count";
                public AlphaResearch.Agents.PromptLibrary? Lib { get; init; }
                public Llm.UsageRecord? Usage { get; init; }
                public int Count => Items.Count;
            }
            """;
        Assert.Equal("Scoring", NamespaceScanner.DeclaredNamespace(source));
        var uses = NamespaceScanner.Uses(source, LayerRules.AllNamespaces).Select(u => $"{u.Namespace}@{u.Line}");
        Assert.Equal(["Domain@1", "Engine@2", "Agents@8", "Llm@9"], uses);
    }

    /// <summary>Top-level statements (Program.cs) have no namespace: they belong to a one-namespace project's namespace.</summary>
    private static string? NamespaceOf(string source, string project) =>
        NamespaceScanner.DeclaredNamespace(source)
        ?? (LayerRules.NamespacesOfProject[project] is [var only] && !source.Contains("namespace ", StringComparison.Ordinal) ? only : null);

    private static string Csproj(string project) => Path.Combine(Src, project, project + ".csproj");

    private static IEnumerable<string> Items(string project, string item) =>
        XDocument.Load(Csproj(project)).Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>();

    private static IEnumerable<string> ProjectReferences(string project) =>
        Items(project, "ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/')));

    private static IEnumerable<string> Sources(string project) =>
        Directory.EnumerateFiles(Path.Combine(Src, project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(Src, file);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlphaResearch.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir.FullName;
    }
}
