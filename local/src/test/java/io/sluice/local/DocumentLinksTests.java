package io.sluice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in the README, the modules' READMEs and docs/ reaches a file or
 * directory of the repository, and a link with {@code #anchor} a heading of its target,
 * with the anchors GitHub makes: lower case, spaces as dashes, punctuation dropped, a
 * repeated heading numbered {@code -1}, {@code -2}.
 */
class DocumentLinksTests {

	/** {@code [text](target)} and {@code ![alt](target)}, target without spaces. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	private final RepositoryFiles files = RepositoryFiles.find();

	@Test
	void everyRelativeLinkReachesAFileAndAHeading() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(this.files.path("README.md"));
		try (Stream<Path> modules = Files.list(this.files.path("."))) {
			modules.map((module) -> module.resolve("README.md"))
				.filter(Files::isRegularFile)
				.sorted()
				.forEach(documents::add);
		}
		try (Stream<Path> paths = Files.walk(this.files.path("docs"))) {
			paths.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		List<String> broken = new ArrayList<>();
		int links = 0;
		for (Path document : documents) {
			List<String> lines = Files.readAllLines(document);
			boolean fenced = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.startsWith("```")) {
					fenced = !fenced;
					continue;
				}
				if (fenced) {
					continue;
				}
				Matcher link = LINK.matcher(withoutCodeSpans(line));
				while (link.find()) {
					links++;
					String problem = problem(document, link.group(1));
					if (problem != null) {
						broken.add(this.files.path("").relativize(document) + ":" + (i + 1) + ": " + link.group(1)
								+ ": " + problem);
					}
				}
			}
		}
		assertThat(links).as("relative and absolute links read").isGreaterThan(50);
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void makesAnchorsAsGitHubDoes() {
		assertThat(anchors(List.of("# Sluice", "## `GET /api/v1/jobs/{id}/events`", "### SluiceIntakePaused",
				"## Re-driving dead letters", "## What's new, and why?", "## Results", "## Results")))
			.containsExactlyInAnyOrder("sluice", "get-apiv1jobsidevents", "sluiceintakepaused",
					"re-driving-dead-letters", "whats-new-and-why", "results", "results-1");
	}

	@Test
	void ignoresLinksInCode() {
		assertThat(withoutCodeSpans("see `[a](b)` and [c](d)")).doesNotContain("[a](b)").contains("[c](d)");
	}

	/** What is wrong with a link of a document, or {@code null} if nothing is. */
	private String problem(Path document, String target) throws IOException {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
		if (!resolved.startsWith(this.files.path("").toAbsolutePath().normalize()) || !Files.exists(resolved)) {
			return "no such file " + resolved;
		}
		if (anchor == null) {
			return null;
		}
		if (!resolved.toString().endsWith(".md")) {
			return "an anchor into a file that is not Markdown";
		}
		Set<String> anchors = anchors(Files.readAllLines(resolved));
		return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + resolved.getFileName();
	}

	/** The anchors GitHub gives the headings of a Markdown document. */
	static Set<String> anchors(List<String> lines) {
		Map<String, Integer> seen = new HashMap<>();
		Set<String> anchors = new java.util.HashSet<>();
		boolean fenced = false;
		for (String line : lines) {
			if (line.startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (fenced || !heading.matches()) {
				continue;
			}
			String anchor = slug(heading.group(1));
			int count = seen.merge(anchor, 1, Integer::sum);
			anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
		}
		return anchors;
	}

	private static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (c == ' ') {
				slug.append('-');
			}
			else if (c == '-' || c == '_' || Character.isLetterOrDigit(c)) {
				slug.appendCodePoint(c);
			}
		});
		return slug.toString();
	}

	private static String withoutCodeSpans(String line) {
		return line.replaceAll("`[^`]*`", "``");
	}

}
