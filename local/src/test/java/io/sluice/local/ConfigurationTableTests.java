package io.sluice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table is the one list of Sluice's settings: every
 * {@code @ConfigurationProperties} record component and every {@code @Value} placeholder
 * of the api, the worker and common is in it, read from their sources.
 */
class ConfigurationTableTests {

	private static final List<String> SOURCES = List.of("api/src/main/java", "worker/src/main/java",
			"common/src/main/java");

	private static final Pattern PROPERTIES_RECORD = Pattern
		.compile("@ConfigurationProperties\\((?:prefix\\s*=\\s*)?\"([a-z0-9.-]+)\"\\)[^{;]*?\\brecord\\s+\\w+\\s*\\(");

	private static final Pattern VALUE_PLACEHOLDER = Pattern.compile("@Value\\(\"\\$\\{(sluice\\.[a-z0-9.-]+)[:}]");

	private static final Pattern SETTING = Pattern.compile("^\\| `([a-z0-9.<>-]+)` \\|");

	private final RepositoryFiles files = RepositoryFiles.find();

	@Test
	void listsEverySettingTheCodeReads() throws IOException {
		Set<String> settings = new TreeSet<>();
		for (String source : SOURCES) {
			try (Stream<Path> paths = Files.walk(this.files.path(source))) {
				for (Path path : paths.filter((p) -> p.toString().endsWith(".java")).toList()) {
					settings.addAll(settingsIn(Files.readString(path)));
				}
			}
		}
		assertThat(settings).as("settings in the code")
			.contains("sluice.api.pool-size", "sluice.worker.retry.max-attempts", "sluice.kafka.partitions");
		assertThat(tableSettings()).containsAll(settings);
	}

	@Test
	void readsRecordComponentsAndPlaceholders() {
		String source = """
				@Validated
				@ConfigurationProperties("sluice.worker.retry")
				record RetryProperties(@DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
						@DefaultValue("0.5") @DecimalMax(value = "1.0", inclusive = false) double randomizationFactor,
						@DefaultValue("1s") @NotNull Duration outageProbeInterval, List<Map<String, Integer>> limitsByOwner) {
				}
				class Topics {
					NewTopic topic(@Value("${sluice.kafka.partitions:12}") int partitions) { }
				}
				""";
		assertThat(settingsIn(source)).containsExactlyInAnyOrder("sluice.worker.retry.max-attempts",
				"sluice.worker.retry.randomization-factor", "sluice.worker.retry.outage-probe-interval",
				"sluice.worker.retry.limits-by-owner", "sluice.kafka.partitions");
	}

	private Set<String> tableSettings() {
		Set<String> settings = new TreeSet<>();
		for (String line : RepositoryFiles.section(this.files.text("README.md"), "Configuration")) {
			Matcher matcher = SETTING.matcher(line);
			if (matcher.find()) {
				settings.add(matcher.group(1));
			}
		}
		return settings;
	}

	static Set<String> settingsIn(String source) {
		Set<String> settings = new TreeSet<>();
		Matcher record = PROPERTIES_RECORD.matcher(source);
		while (record.find()) {
			String prefix = record.group(1);
			for (String component : topLevelParts(source, record.end())) {
				String[] words = component.strip().split("\\s+");
				settings.add(prefix + "." + kebab(words[words.length - 1]));
			}
		}
		Matcher value = VALUE_PLACEHOLDER.matcher(source);
		while (value.find()) {
			settings.add(value.group(1));
		}
		return settings;
	}

	/** The comma-separated parts of a parenthesised list that starts at {@code start}. */
	private static List<String> topLevelParts(String source, int start) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		boolean quoted = false;
		StringBuilder part = new StringBuilder();
		for (int i = start; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '(' || c == '<')) {
				depth++;
			}
			else if (!quoted && c == '>') {
				depth--;
			}
			else if (!quoted && c == ')') {
				if (depth == 0) {
					break;
				}
				depth--;
			}
			else if (!quoted && c == ',' && depth == 0) {
				parts.add(part.toString());
				part.setLength(0);
				continue;
			}
			part.append(c);
		}
		if (!part.toString().isBlank()) {
			parts.add(part.toString());
		}
		return parts;
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
