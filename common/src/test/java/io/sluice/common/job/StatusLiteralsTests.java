package io.sluice.common.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps status and ledger outcome literals from coming back into the SQL of the
 * production code: only {@link JobStatus} and {@link LedgerOutcome} spell them, and every
 * statement takes them from there. The fault suite's hooks are left out: they match the
 * worker's SQL text on purpose, and check that it still holds theirs.
 */
class StatusLiteralsTests {

	private static final Pattern LITERAL = Pattern
		.compile("'(" + Stream.concat(Arrays.stream(JobStatus.values()), Arrays.stream(LedgerOutcome.values()))
			.map(Enum::name)
			.distinct()
			.collect(Collectors.joining("|")) + ")'");

	private static final Path OWNERS = Path.of("common", "src", "main", "java", "io", "sluice", "common", "job");

	@Test
	void noProductionSourceButTheOwnersSpellsAStatusInSql() throws IOException {
		Path root = Path.of("").toAbsolutePath().getParent();
		assertThat(root.resolve("common").resolve("pom.xml")).as("the tests run in the common module").exists();
		List<Path> sources;
		try (Stream<Path> modules = Files.list(root)) {
			sources = modules.map((module) -> module.resolve("src/main/java"))
				.filter(Files::isDirectory)
				.filter((main) -> !main.startsWith(root.resolve("faults")))
				.flatMap(StatusLiteralsTests::javaFiles)
				.filter((source) -> !source.startsWith(root.resolve(OWNERS)))
				.toList();
		}
		assertThat(sources).as("the production sources of api and worker")
			.anyMatch((source) -> source.endsWith("JobRepository.java"))
			.anyMatch((source) -> source.endsWith("ChunkLedger.java"));
		List<String> found = new ArrayList<>();
		for (Path source : sources) {
			List<String> lines = Files.readAllLines(source);
			for (int i = 0; i < lines.size(); i++) {
				Matcher literal = LITERAL.matcher(lines.get(i));
				if (literal.find()) {
					found.add(root.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).trim());
				}
			}
		}
		assertThat(found).as("status literals outside JobStatus and LedgerOutcome").isEmpty();
	}

	private static Stream<Path> javaFiles(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
