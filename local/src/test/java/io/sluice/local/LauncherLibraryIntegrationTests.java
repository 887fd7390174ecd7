package io.sluice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's {@code lib/}, as {@code package} copies it, carries the embedded stack
 * but no Docker client: Testcontainers is optional in {@code embedded}.
 */
class LauncherLibraryIntegrationTests {

	@Test
	void carriesTheEmbeddedStackButNoDockerClient() throws IOException {
		List<String> jars = jarsIn(Path.of("target", "lib"));
		assertThat(jars).as("the launcher's lib/").anyMatch((jar) -> jar.startsWith("sluice-embedded-"));
		assertThat(jars).as("the launcher's lib/ holds no Testcontainers or Docker client")
			.noneMatch((jar) -> jar.startsWith("testcontainers") || jar.startsWith("docker-java")
					|| jar.startsWith("duct-tape"));
	}

	private static List<String> jarsIn(Path lib) throws IOException {
		try (Stream<Path> files = Files.list(lib)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

}
