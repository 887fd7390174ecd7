package io.sluice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the repository's deployment files (docker-compose.yml, the Dockerfile, ops/, the
 * services' application.yml, the README and docs/) for the tests that check them. The
 * repository root is {@code sluice.home} if set, else the nearest directory above the
 * module that holds {@code mvnw} and {@code docker-compose.yml}.
 */
final class RepositoryFiles {

	private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])([^}]*)}");

	private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+)(ms|h|m|s)");

	private final Path root;

	private RepositoryFiles(Path root) {
		this.root = root;
	}

	static RepositoryFiles find() {
		String home = System.getProperty("sluice.home");
		Path start = Path.of((home != null) ? home : ".").toAbsolutePath().normalize();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
				return new RepositoryFiles(dir);
			}
		}
		throw new IllegalStateException("No repository root (mvnw and docker-compose.yml) at or above " + start);
	}

	Path path(String relative) {
		return this.root.resolve(relative);
	}

	String text(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parses a YAML file (merge keys {@code <<} resolved, as Docker Compose does).
	 * @param relative path from the repository root
	 * @return the document as nested maps and lists
	 */
	Map<String, Object> yaml(String relative) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options).load(text(relative));
	}

	/**
	 * A value of a nested map, by path.
	 * @param document the parsed YAML
	 * @param keys keys from the top
	 * @return the value, or {@code null} when any key is missing
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Map<String, ?> document, String... keys) {
		Object value = document;
		for (String key : keys) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return (T) value;
	}

	/**
	 * What a Compose value becomes when none of its variables is set: {@code ${X:-d}} and
	 * {@code ${X-d}} become {@code d}; a required {@code ${X:?message}} stays as it is.
	 * @param value a value from the compose file
	 * @return the value with defaults filled in
	 */
	static String withComposeDefaults(Object value) {
		Matcher matcher = COMPOSE_VARIABLE.matcher(String.valueOf(value));
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String replacement = matcher.group(2).endsWith("-") ? matcher.group(3) : matcher.group();
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * Parses a Compose duration, written as Go writes them ({@code 90s}, {@code 1m30s}).
	 * @param value the duration text
	 * @return the duration
	 */
	static Duration composeDuration(String value) {
		Matcher matcher = GO_DURATION_PART.matcher(value);
		Duration total = Duration.ZERO;
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			long amount = Long.parseLong(matcher.group(1));
			total = total.plus(switch (matcher.group(2)) {
				case "h" -> Duration.ofHours(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "s" -> Duration.ofSeconds(amount);
				default -> Duration.ofMillis(amount);
			});
			end = matcher.end();
		}
		if (end == 0 || end != value.length()) {
			throw new IllegalArgumentException("Not a Compose duration: '" + value + "'");
		}
		return total;
	}

	/**
	 * Parses a Spring Boot duration from an application.yml ({@code 30s}, {@code PT30S}).
	 * @param value the duration text
	 * @return the duration
	 */
	static Duration springDuration(String value) {
		return DurationStyle.detectAndParse(value);
	}

	/**
	 * The lines of a Markdown section, from its {@code ## } heading to the next one.
	 * @param markdown the document
	 * @param heading the heading's text, without the hashes
	 * @return the section's lines, the heading excluded
	 */
	static List<String> section(String markdown, String heading) {
		return section(markdown, 2, heading);
	}

	/**
	 * The lines of a Markdown section, from its heading to the next heading of the same
	 * level or above (lines in fenced code blocks are no headings).
	 * @param markdown the document
	 * @param level the heading's level, 2 for {@code ## }
	 * @param heading the heading's text, without the hashes
	 * @return the section's lines, the heading excluded
	 */
	static List<String> section(String markdown, int level, String heading) {
		List<String> lines = markdown.lines().toList();
		String hashes = "#".repeat(level);
		int start = lines.indexOf(hashes + " " + heading);
		if (start < 0) {
			throw new IllegalStateException("No section '" + hashes + " " + heading + "'");
		}
		int end = start + 1;
		boolean fenced = false;
		while (end < lines.size() && (fenced || !endsSection(lines.get(end), level))) {
			if (lines.get(end).startsWith("```")) {
				fenced = !fenced;
			}
			end++;
		}
		return lines.subList(start + 1, end);
	}

	private static boolean endsSection(String line, int level) {
		for (int hashes = 1; hashes <= level; hashes++) {
			if (line.startsWith("#".repeat(hashes) + " ")) {
				return true;
			}
		}
		return false;
	}

}
