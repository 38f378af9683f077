package io.modelops.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every link of the README and the guides in {@code docs/} leads somewhere: a relative link to an
 * existing file of the repository, an anchor to a heading of its target (GitHub's slugs), an
 * absolute link to a well-formed URI (not fetched). The README stays short and links every guide.
 */
class DocumentationLinksTest {

  static final int README_MAX_LINES = 250;

  /**
   * {@code [text](target)}, {@code ![alt](target "title")}, also the inner and outer of a linked
   * image.
   */
  private static final Pattern INLINE_LINK =
      Pattern.compile("\\]\\(\\s*(<[^>]*>|[^)\\s]*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");

  /** {@code [label]: target} */
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");

  /** {@code <https://example.com>} */
  private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]*)>");

  /** A URL in the text, which GitHub turns into a link. */
  private static final Pattern BARE_URL =
      Pattern.compile("(?<![(<\\w/])https?://[^\\s<>()\\[\\]`|]+");

  private static final Pattern HEADING =
      Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** A link as written: file, line (1-based) and target. */
  record Link(Path file, int line, String target) {
    String where(Path root) {
      return root.relativize(file) + ":" + line;
    }
  }

  @Test
  void shouldResolveEveryLinkOfTheReadmeAndTheGuides() {
    Path root = Path.of("").toAbsolutePath();

    List<String> problems = problems(root, documents(root));

    assertThat(problems).as("broken links (file:line: target: problem)").isEmpty();
  }

  @Test
  void shouldKeepTheReadmeShort() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));

    assertThat(readme.size()).as("lines of README.md").isLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void shouldLinkEveryGuideFromTheReadme() {
    Path root = Path.of("").toAbsolutePath();
    Path readme = root.resolve("README.md");
    Set<Path> linked = new LinkedHashSet<>();
    for (Link link : links(readme)) {
      Path target = localTarget(root, link);
      if (target != null) {
        linked.add(target);
      }
    }

    List<Path> guides = markdownFiles(root.resolve("docs"));
    List<String> unlinked =
        guides.stream()
            .filter(guide -> !linked.contains(guide))
            .map(g -> root.relativize(g).toString())
            .toList();

    assertThat(guides).as("guides in docs/").isNotEmpty();
    assertThat(unlinked).as("guides in docs/ that README.md does not link").isEmpty();
  }

  @Test
  void shouldNameFileLineAndTargetOfABrokenLink(@TempDir Path root) throws IOException {
    // given
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(
        root.resolve("docs/guide.md"),
        """
        # A guide

        ## Same heading
        ## Same heading

        ```bash
        # not a heading
        ```
        """);
    Files.writeString(
        root.resolve("README.md"),
        """
        # Title

        Fine: [guide](docs/guide.md), [second](docs/guide.md#same-heading-1), [top](#title).
        Broken: [gone](docs/missing.md) and ![image](docs/images/none.svg).
        Bad anchors: [a](docs/guide.md#not-a-heading), [b](#nowhere), [c](docs/guide.md#not-a-heading-1).
        Bad URI: [d](https://exa^mple.com/) and `[in code](nowhere.md)`.

        ```
        [in a block](nowhere.md)
        ```
        """);

    // when
    List<String> problems =
        problems(root, List.of(root.resolve("README.md"), root.resolve("docs/guide.md")));

    // then
    assertThat(problems)
        .containsExactly(
            "README.md:4: docs/missing.md: no such file",
            "README.md:4: docs/images/none.svg: no such file",
            "README.md:5: docs/guide.md#not-a-heading: no heading with this anchor in docs/guide.md",
            "README.md:5: #nowhere: no heading with this anchor in README.md",
            "README.md:5: docs/guide.md#not-a-heading-1: no heading with this anchor in docs/guide.md",
            "README.md:6: https://exa^mple.com/: not a well-formed URI (Illegal character in authority at index 8)");
  }

  @Test
  void shouldSlugHeadingsAsGitHubDoes() {
    assertThat(
            anchors(
                List.of(
                    "# Demo users (`demo` profile only)",
                    "## Release: staging, canary, production, rollback",
                    "### GitOps (`GITOPS`)",
                    "## Errors: `application/problem+json`",
                    "## Where the targets are missed",
                    "## Where the targets are missed",
                    "## Where the targets are missed",
                    "## [Linked](other.md) heading ##",
                    "## Crashes, two nodes, SMTP outage")))
        .containsExactly(
            "demo-users-demo-profile-only",
            "release-staging-canary-production-rollback",
            "gitops-gitops",
            "errors-applicationproblemjson",
            "where-the-targets-are-missed",
            "where-the-targets-are-missed-1",
            "where-the-targets-are-missed-2",
            "linked-heading",
            "crashes-two-nodes-smtp-outage");
  }

  /** README.md, every Markdown file under docs/, and the examples' READMEs. */
  static List<Path> documents(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    files.addAll(markdownFiles(root.resolve("docs")));
    files.addAll(markdownFiles(root.resolve("examples")));
    return files;
  }

  static List<Path> markdownFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(f -> f.toString().endsWith(".md"))
          .map(Path::toAbsolutePath)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with the links of these files, one line each: file:line: target: problem. */
  static List<String> problems(Path root, List<Path> files) {
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      for (Link link : links(file)) {
        String problem = problem(root, link, anchorsByFile);
        if (problem != null) {
          problems.add(link.where(root) + ": " + link.target() + ": " + problem);
        }
      }
    }
    return problems;
  }

  private static String problem(Path root, Link link, Map<Path, Set<String>> anchorsByFile) {
    String target = link.target();
    if (target.isEmpty()) {
      return "empty link";
    }
    if (SCHEME.matcher(target).find()) {
      return absoluteProblem(target);
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? link.file() : localTarget(root, link);
    if (file == null) {
      return "not a valid path";
    }
    if (!file.startsWith(root)) {
      return "outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (anchor != null) {
      if (!file.toString().endsWith(".md")) {
        return "an anchor into a file that is not Markdown";
      }
      Set<String> anchors = anchorsByFile.computeIfAbsent(file, f -> anchors(lines(f)));
      if (!anchors.contains(URLDecoder.decode(anchor, StandardCharsets.UTF_8))) {
        return "no heading with this anchor in " + root.relativize(file);
      }
    }
    return null;
  }

  private static String absoluteProblem(String target) {
    try {
      URI uri = new URI(target);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("mailto")) {
        return uri.getSchemeSpecificPart().contains("@") ? null : "not an e-mail address";
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "scheme " + scheme + " is not http, https or mailto";
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return "no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a well-formed URI (" + e.getReason() + " at index " + e.getIndex() + ")";
    }
  }

  /** The file a relative link points to (without its anchor), or null for absolute links. */
  static Path localTarget(Path root, Link link) {
    String target = link.target();
    if (SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    if (path.isEmpty()) {
      return link.file();
    }
    try {
      String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      Path base = decoded.startsWith("/") ? root : link.file().getParent();
      return base.resolve(decoded.replaceFirst("^/+", "")).normalize();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Every link of a Markdown file, outside code blocks and code spans. */
  static List<Link> links(Path file) {
    List<Link> links = new ArrayList<>();
    List<String> lines = lines(file);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      String text = withoutCodeSpans(line);
      List<String> targets = new ArrayList<>();
      Matcher reference = REFERENCE_DEFINITION.matcher(text);
      if (reference.find()) {
        targets.add(reference.group(1));
      }
      Matcher inline = INLINE_LINK.matcher(text);
      while (inline.find()) {
        targets.add(inline.group(1));
      }
      Matcher autolink = AUTOLINK.matcher(text);
      while (autolink.find()) {
        targets.add(autolink.group(1));
      }
      Matcher bare = BARE_URL.matcher(text);
      while (bare.find()) {
        targets.add(bare.group().replaceAll("[.,;:!?*_~']+$", ""));
      }
      for (String target : targets) {
        String unwrapped =
            target.startsWith("<") && target.endsWith(">")
                ? target.substring(1, target.length() - 1)
                : target;
        links.add(new Link(file, i + 1, unwrapped));
      }
    }
    return links;
  }

  /**
   * The anchors GitHub gives the headings: the heading's text (links and code as their text), lower
   * case, without punctuation other than {@code -} and {@code _}, spaces as {@code -}; repeated
   * headings get {@code -1}, {@code -2}, ...
   */
  static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (inFence || !heading.matches()) {
        continue;
      }
      String slug = slug(heading.group(2));
      int count = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(count == 0 ? slug : slug + "-" + count);
    }
    return anchors;
  }

  static String slug(String heading) {
    String text =
        heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                slug.append('-');
              } else if (c == '-'
                  || c == '_'
                  || Character.isLetterOrDigit(c)
                  || Character.getType(c) == Character.NON_SPACING_MARK) {
                slug.appendCodePoint(c);
              }
            });
    return slug.toString();
  }

  private static String withoutCodeSpans(String line) {
    Matcher code = CODE_SPAN.matcher(line);
    StringBuilder out = new StringBuilder();
    while (code.find()) {
      code.appendReplacement(out, Matcher.quoteReplacement(" ".repeat(code.group().length())));
    }
    code.appendTail(out);
    return out.toString();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
