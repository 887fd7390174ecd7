package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's {@code lib/}, as {@code package} copies it, carries the embedded stack
 * but no Docker client: Testcontainers is optional in {@code embedded}.
 */
class BenchLibraryIntegrationTests {

	@Test
	void carriesTheEmbeddedStackButNoDockerClient() throws IOException {
		List<String> jars;
		try (Stream<Path> files = Files.list(Path.of("target", "lib"))) {
			jars = files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		assertThat(jars).as("the benchmark's lib/").anyMatch((jar) -> jar.startsWith("sluice-embedded-"));
		assertThat(jars).as("the benchmark's lib/ holds no Testcontainers or Docker client")
			.noneMatch((jar) -> jar.startsWith("testcontainers") || jar.startsWith("docker-java")
					|| jar.startsWith("duct-tape"));
	}

}
