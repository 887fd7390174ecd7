package io.sluice.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/configuration.md lists exactly the {@code sluice.*} settings of the configuration
 * metadata that Spring Boot's configuration processor writes from the
 * {@code @ConfigurationProperties} records of common, the api and the worker: each one's
 * name, environment variable, default and Javadoc, one table per module. On a mismatch
 * the failure names each missing, extra or wrong row and prints the tables to paste.
 */
class ConfigurationTableTests {

	static final String DOCUMENT = "docs/configuration.md";

	static final String HEADER = "| setting | environment variable | default | meaning |";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/** Where each module's settings are listed, by the package of their record. */
	private static final Map<String, String> TABLES = tables();

	private static final List<String> SOURCES = List.of("api/src/main/java", "worker/src/main/java",
			"common/src/main/java");

	private static final Pattern CODE_TAG = Pattern.compile("\\{@(?:code|literal) ([^}]*)}");

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `([A-Z0-9_]+)` \\|");

	private final RepositoryFiles files = RepositoryFiles.find();

	@Test
	void listsExactlyTheSettingsOfTheConfigurationMetadata() {
		Map<String, List<String>> expected = expectedTables(settingsInMetadata());
		assertThat(expected.values().stream().flatMap(List::stream))
			.as("settings in the configuration metadata on the class path")
			.anyMatch((row) -> row.startsWith("| `sluice.api.pool-size` |"))
			.anyMatch((row) -> row.startsWith("| `sluice.worker.retry.max-attempts` |"))
			.anyMatch((row) -> row.startsWith("| `sluice.kafka.partitions` |"));
		String document = this.files.text(DOCUMENT);
		List<String> problems = new ArrayList<>();
		expected.forEach((table, rows) -> problems.addAll(differences(table, rows, tableRows(document, table))));
		if (!problems.isEmpty()) {
			StringBuilder message = new StringBuilder(DOCUMENT + " does not match the configuration metadata:\n");
			problems.forEach((problem) -> message.append("  ").append(problem).append('\n'));
			message.append("\nThe tables as they should be:\n");
			expected.forEach((table, rows) -> message.append("\n### ")
				.append(table)
				.append("\n\n")
				.append(HEADER)
				.append("\n| --- | --- | --- | --- |\n")
				.append(String.join("\n", rows))
				.append('\n'));
			fail(message.toString());
		}
	}

	@Test
	void namesAnEnvironmentVariableThatBindsToEachSetting() {
		List<String> rows = this.files.text(DOCUMENT).lines().filter((line) -> ROW.matcher(line).find()).toList();
		assertThat(rows).as("rows of %s with a setting and its variable", DOCUMENT).hasSizeGreaterThan(40);
		for (String row : rows) {
			Matcher matcher = ROW.matcher(row);
			matcher.find();
			String setting = matcher.group(1);
			if (!ConfigurationPropertyName.isValid(setting)) {
				continue;
			}
			assertThat(bindsTo(matcher.group(2), setting)).as("%s sets %s", matcher.group(2), setting).isTrue();
		}
	}

	@Test
	void readsNoSluiceSettingOutsideAPropertiesRecord() throws IOException {
		// The configuration metadata knows only @ConfigurationProperties records: a
		// setting
		// read with @Value would be missing from it, and so from the table.
		for (String source : SOURCES) {
			try (Stream<Path> paths = Files.walk(this.files.path(source))) {
				for (Path path : paths.filter((p) -> p.toString().endsWith(".java")).toList()) {
					assertThat(Files.readString(path)).as(path.toString()).doesNotContain("@Value(\"${sluice.");
				}
			}
		}
	}

	@Test
	void rendersASettingAsARow() {
		assertThat(row(new Setting("io.sluice.worker.intake.RetryProperties", "sluice.worker.retry.max-interval",
				"\"2s\"", "longest wait, see {@code max-attempts} | {@literal <n>}")))
			.isEqualTo("| `sluice.worker.retry.max-interval` | `SLUICE_WORKER_RETRY_MAX_INTERVAL` | 2s "
					+ "| Longest wait, see `max-attempts` \\| `<n>`. |");
		assertThat(row(
				new Setting("io.sluice.api.security.AuthProperties", "sluice.auth.jwt-secret", null, "Shared secret.")))
			.isEqualTo("| `sluice.auth.jwt-secret` | `SLUICE_AUTH_JWT_SECRET` | — | Shared secret. |");
		assertThat(row(new Setting("io.sluice.worker.x.X", "sluice.worker.reconciler.enabled", "true", "whether")))
			.isEqualTo("| `sluice.worker.reconciler.enabled` | `SLUICE_WORKER_RECONCILER_ENABLED` | true | Whether. |");
	}

	private static List<String> differences(String table, List<String> expected, List<String> actual) {
		List<String> problems = new ArrayList<>();
		Map<String, String> expectedByName = byName(expected);
		Map<String, String> actualByName = byName(actual);
		expectedByName.forEach((name, row) -> {
			String documented = actualByName.get(name);
			if (documented == null) {
				problems.add("missing in '### " + table + "': " + row);
			}
			else if (!documented.equals(row)) {
				problems.add("wrong in '### " + table + "': " + documented + "\n    should be: " + row);
			}
		});
		actualByName.keySet()
			.stream()
			.filter((name) -> !expectedByName.containsKey(name))
			.forEach((name) -> problems
				.add("extra in '### " + table + "' (not in the metadata of this module): " + actualByName.get(name)));
		if (problems.isEmpty() && !expected.equals(actual)) {
			problems.add("rows of '### " + table + "' out of order (sorted by setting) or repeated");
		}
		return problems;
	}

	private static Map<String, String> byName(List<String> rows) {
		Map<String, String> byName = new LinkedHashMap<>();
		for (String row : rows) {
			Matcher matcher = ROW.matcher(row);
			byName.putIfAbsent(matcher.find() ? matcher.group(1) : row, row);
		}
		return byName;
	}

	private static List<String> tableRows(String document, String table) {
		List<String> lines = RepositoryFiles.section(document, 3, table);
		int header = lines.indexOf(HEADER);
		if (header < 0) {
			return List.of();
		}
		return lines.subList(header + 2, lines.size()).stream().takeWhile((line) -> line.startsWith("|")).toList();
	}

	private static Map<String, List<String>> expectedTables(List<Setting> settings) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		TABLES.values().forEach((table) -> tables.put(table, new ArrayList<>()));
		for (Setting setting : settings) {
			String table = TABLES.entrySet()
				.stream()
				.filter((entry) -> setting.sourceType().startsWith(entry.getKey()))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(setting.name() + " comes from " + setting.sourceType()
						+ ", which is in none of " + TABLES.keySet()));
			tables.get(table).add(row(setting));
		}
		return tables;
	}

	/**
	 * Every {@code sluice.*} setting of the metadata files on the class path, by name.
	 */
	private static List<Setting> settingsInMetadata() {
		Map<String, Setting> settings = new TreeMap<>();
		JsonMapper json = JsonMapper.builder().build();
		try {
			for (URL url : Collections.list(ConfigurationTableTests.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith("sluice.")) {
							JsonNode defaultValue = property.get("defaultValue");
							settings.put(name,
									new Setting(property.path("sourceType").asString(), name,
											(defaultValue != null) ? defaultValue.toString() : null,
											property.path("description").asString()));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(settings.values());
	}

	static String row(Setting setting) {
		return "| `" + setting.name() + "` | `" + environmentVariable(setting.name()) + "` | "
				+ defaultValue(setting.defaultValue()) + " | " + meaning(setting.description()) + " |";
	}

	/** Spring Boot binds both; this one keeps the words of a setting apart. */
	private static String environmentVariable(String setting) {
		return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

	private static String defaultValue(String json) {
		if (json == null) {
			return "—";
		}
		return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
	}

	private static String meaning(String javadoc) {
		String text = CODE_TAG.matcher(javadoc.strip()).replaceAll((match) -> "`" + match.group(1) + "`");
		text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
		text = text.replace("|", "\\|");
		return text.endsWith(".") ? text : text + ".";
	}

	private static boolean bindsTo(String variable, String setting) {
		ConfigurationPropertySource source = ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of(variable, "x")))
			.iterator()
			.next();
		return source.getConfigurationProperty(ConfigurationPropertyName.of(setting)) != null;
	}

	private static Map<String, String> tables() {
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("io.sluice.common.", "Both services");
		tables.put("io.sluice.api.", "API");
		tables.put("io.sluice.worker.", "Worker");
		return tables;
	}

	record Setting(String sourceType, String name, String defaultValue, String description) {
	}

}
