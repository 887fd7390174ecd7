package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The infrastructure shared by all integration tests of one JVM: started on first use,
 * stopped when the JVM exits. {@code -Dsluice.infrastructure=containers} runs it on
 * Testcontainers instead of the embedded servers.
 */
public final class TestInfrastructure {

	/**
	 * System property that picks the infrastructure: {@code embedded} (default) or
	 * {@code containers}.
	 */
	public static final String MODE_PROPERTY = "sluice.infrastructure";

	private static Infrastructure shared;

	private TestInfrastructure() {
	}

	public static synchronized Infrastructure shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	private static Infrastructure start() {
		String mode = System.getProperty(MODE_PROPERTY, "embedded");
		if (mode.isBlank() || mode.equals("embedded")) {
			Path directory = temporaryDirectory();
			EmbeddedInfrastructure embedded = EmbeddedInfrastructure.start(directory, 6);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				embedded.close();
				try {
					Directories.deleteRecursively(directory);
				}
				catch (UncheckedIOException ex) {
					// best effort: a temporary directory left behind is harmless
				}
			}, "sluice-test-infrastructure-stop"));
			return embedded;
		}
		if (mode.equals("containers")) {
			requireTestcontainers();
			ContainerInfrastructure containers = ContainerInfrastructure.start();
			Runtime.getRuntime().addShutdownHook(new Thread(containers::close, "sluice-test-containers-stop"));
			return containers;
		}
		throw new IllegalArgumentException(MODE_PROPERTY + " must be 'embedded' or 'containers', not '" + mode + "'");
	}

	private static void requireTestcontainers() {
		try {
			Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false,
					TestInfrastructure.class.getClassLoader());
			Class.forName("org.testcontainers.kafka.KafkaContainer", false, TestInfrastructure.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(
					MODE_PROPERTY + "=containers needs org.testcontainers:testcontainers-postgresql "
							+ "and testcontainers-kafka on the test class path; they are optional in sluice-embedded",
					ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("sluice-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a directory for the test infrastructure", ex);
		}
	}

}
