package io.sluice.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A file of {@code NAME=value} lines as {@code ./sluice-local} writes
 * {@code .sluice/local.env}: comments start with {@code #}, a value runs to the end of
 * its line, and surrounding single or double quotes are dropped as a shell would.
 *
 * @param path where it was read from
 * @param values the variables it sets
 */
record EnvFile(Path path, Map<String, String> values) {

	/** Where {@code ./sluice-local} writes it, under the directory it runs in. */
	static final Path LOCAL = Path.of(".sluice", "local.env");

	/**
	 * Reads a file.
	 * @param path the file
	 * @return its variables
	 * @throws UsageException if it cannot be read
	 */
	static EnvFile read(Path path) {
		Map<String, String> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.indexOf('=') < 1) {
					continue;
				}
				String name = trimmed.substring(0, trimmed.indexOf('=')).strip();
				if (name.startsWith("export ")) {
					name = name.substring("export ".length()).strip();
				}
				values.put(name, unquoted(trimmed.substring(trimmed.indexOf('=') + 1).strip()));
			}
		}
		catch (IOException ex) {
			throw new UsageException("Cannot read the environment file " + path + ": " + ex.getMessage());
		}
		return new EnvFile(path, values);
	}

	/**
	 * A variable the file sets to something not blank.
	 * @param name its name
	 * @return its value
	 */
	Optional<String> value(String name) {
		return Optional.ofNullable(this.values.get(name)).filter((value) -> !value.isBlank());
	}

	private static String unquoted(String value) {
		if (value.length() >= 2
				&& (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

}
