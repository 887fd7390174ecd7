package io.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.sluice.bench.report.BenchReport.Machine;

/**
 * What the report says about the machine: numbers measured elsewhere are not comparable
 * without it.
 */
final class MachineDescription {

	private MachineDescription() {
	}

	static Machine describe(BenchDatabase database, String serviceJava, boolean external, Instant started) {
		Map<String, String> postgres = new LinkedHashMap<>(database.describe());
		String version = postgres.remove("version");
		String infrastructure = external
				? "external: " + database.infrastructure().jdbcUrl() + ", Kafka "
						+ database.infrastructure().bootstrapServers()
				: "embedded PostgreSQL and Kafka broker (from Maven artifacts)";
		return new Machine(Runtime.getRuntime().availableProcessors(), memoryBytes(), cpu(), os(), benchJava(),
				javaVersion(serviceJava), version, postgres, infrastructure,
				started.truncatedTo(ChronoUnit.SECONDS).toString());
	}

	private static long memoryBytes() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize();
		}
		return -1;
	}

	private static String cpu() {
		return firstValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse("unknown");
	}

	private static String os() {
		String name = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map((value) -> value.replace("\"", ""))
			.orElse(System.getProperty("os.name"));
		return name + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
	}

	private static String benchJava() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
	}

	/**
	 * The first line of {@code java -version}, such as {@code openjdk version "17.0.15"}.
	 */
	private static String javaVersion(String java) {
		try {
			Process process = new ProcessBuilder(List.of(java, "-version")).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			List<String> lines = output.lines().toList();
			return lines.isEmpty() ? java : lines.get(0);
		}
		catch (IOException ex) {
			return java + " (version unknown: " + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return java;
		}
	}

	private static Optional<String> firstValue(Path file, String key, char separator) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.startsWith(key) && line.indexOf(separator) > 0)
				.map((line) -> line.substring(line.indexOf(separator) + 1).trim())
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
