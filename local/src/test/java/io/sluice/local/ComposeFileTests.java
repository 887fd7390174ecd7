package io.sluice.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.sluice.local.RepositoryFiles.at;
import static io.sluice.local.RepositoryFiles.withComposeDefaults;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules docker-compose.yml and the Dockerfile must keep (issue 6, ADR 0028). No
 * Docker daemon runs here, so the files are read and checked instead of started.
 */
class ComposeFileTests {

	/** A pinned image: a tag that starts with a version {@code [v]MAJOR.MINOR}. */
	private static final Pattern PINNED_IMAGE = Pattern.compile(
			"(?<name>[a-z0-9][a-z0-9._/-]*(?::\\d+/[a-z0-9._/-]+)?):(?<tag>v?\\d+\\.\\d+[A-Za-z0-9._-]*)(@sha256:[0-9a-f]{64})?");

	private static final Set<String> APPLICATIONS = Set.of("api", "worker");

	private static final Set<String> TOOLS = Set.of("prometheus", "grafana", "kafka-ui");

	/** PostgreSQL's superuser_reserved_connections, which no application may use. */
	private static final int SUPERUSER_RESERVED_CONNECTIONS = 3;

	private final RepositoryFiles files = RepositoryFiles.find();

	private final Map<String, Object> compose = this.files.yaml("docker-compose.yml");

	private final Map<String, Map<String, Object>> services = at(this.compose, "services");

	@Test
	void pinsEveryImageToAVersion() {
		assertThat(this.services).containsKeys("postgres", "kafka", "api", "worker", "prometheus", "grafana",
				"kafka-ui");
		this.services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as("image of %s", name).isNotNull().matches(PINNED_IMAGE).doesNotContain(":latest");
		});
		assertThat((String) this.services.get("kafka").get("image")).isEqualTo("apache/kafka:4.1.1");
		assertThat((String) this.services.get("postgres").get("image")).startsWith("postgres:17.");
	}

	@Test
	void buildsBothApplicationsFromTheOneDockerfile() {
		for (String name : APPLICATIONS) {
			Map<String, Object> build = at(this.services, name, "build");
			assertThat(build).as("build of %s", name).containsEntry("context", ".");
			assertThat((String) at(build, "args", "MODULE")).as("MODULE of %s", name).isEqualTo(name);
		}
	}

	@Test
	void letsWorkersScale() {
		Map<String, Object> worker = this.services.get("worker");
		assertThat(worker).doesNotContainKeys("container_name", "ports", "hostname");
		assertThat(this.services.get("api")).containsKey("ports");
	}

	/**
	 * The management ports answer without a token (ADR 0034): only the API's public port
	 * is published on the host; Prometheus reaches the others inside the compose network.
	 */
	@Test
	void publishesOnlyTheApisPublicPort() {
		List<String> published = at(this.services, "api", "ports");
		assertThat(published).singleElement()
			.satisfies((port) -> assertThat(port).endsWith(":" + serverPort("api"))
				.doesNotEndWith(":" + managementPort("api")));
		assertThat((List<?>) at(this.services, "api", "expose")).map(String::valueOf)
			.containsExactly(String.valueOf(managementPort("api")));
		assertThat((List<?>) at(this.services, "worker", "expose")).map(String::valueOf)
			.containsExactlyInAnyOrder(String.valueOf(serverPort("worker")), String.valueOf(managementPort("worker")));
	}

	@Test
	void checksTheHealthOfEveryService() {
		this.services.forEach((name, service) -> {
			Map<String, Object> healthcheck = at(service, "healthcheck");
			assertThat(healthcheck).as("healthcheck of %s", name).isNotNull().doesNotContainEntry("disable", true);
			assertThat((List<?>) healthcheck.get("test")).as("healthcheck test of %s", name).isNotEmpty();
		});
	}

	@Test
	void probesTheApplicationsReadinessWithTheProbeInTheImage() {
		assertThat(this.files.text("Dockerfile")).contains("/usr/local/bin/sluice-probe");
		assertThat((List<String>) at(this.services, "api", "healthcheck", "test"))
			.isEqualTo(List.of("CMD", "sluice-probe", String.valueOf(serverPort("api")), "/readyz"));
		assertThat((List<String>) at(this.services, "worker", "healthcheck", "test"))
			.isEqualTo(List.of("CMD", "sluice-probe", String.valueOf(serverPort("worker")), "/readyz"));
	}

	@Test
	void startsServicesOnlyOnceWhatTheyNeedIsHealthy() {
		this.services.forEach((name, service) -> {
			Object dependsOn = service.get("depends_on");
			if (dependsOn == null) {
				return;
			}
			assertThat(dependsOn).as("depends_on of %s is a map with conditions", name).isInstanceOf(Map.class);
			((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, settings) -> {
				assertThat(settings).as("%s depends on %s", name, dependency)
					.containsEntry("condition", "service_healthy");
				assertThat(this.services.get(dependency)).as("%s depends on %s", name, dependency)
					.containsKey("healthcheck");
				if (!isTool(name)) {
					assertThat(isTool(dependency)).as("%s depends on the tool %s", name, dependency).isFalse();
				}
			});
		});
		assertThat((Map<String, Object>) at(this.services, "worker", "depends_on")).containsKeys("postgres", "kafka");
		assertThat((Map<String, Object>) at(this.services, "api", "depends_on")).containsKeys("postgres", "kafka");
	}

	@Test
	void givesTheApplicationsMoreTimeToStopThanTheirShutdownTakes() {
		for (String name : APPLICATIONS) {
			Duration grace = RepositoryFiles.composeDuration((String) at(this.services, name, "stop_grace_period"));
			assertThat(grace).as("stop_grace_period of %s", name).isGreaterThan(shutdownTimeout(name));
		}
	}

	@Test
	void putsTheToolsBehindTheToolsProfile() {
		this.services.forEach((name, service) -> {
			if (TOOLS.contains(name)) {
				assertThat((List<String>) service.get("profiles")).as("profiles of %s", name).containsExactly("tools");
			}
			else {
				assertThat(service).as("%s starts without a profile", name).doesNotContainKey("profiles");
			}
		});
	}

	@Test
	void givesPostgresMoreConnectionsThanTheBudgetAndTheApiPool() {
		List<String> command = at(this.services, "postgres", "command");
		int maxConnections = command.stream()
			.filter((argument) -> argument.startsWith("max_connections="))
			.map((argument) -> Integer.parseInt(argument.substring("max_connections=".length())))
			.findFirst()
			.orElseThrow();
		int budget = Integer.parseInt(environment("worker").get("SLUICE_DB_CONNECTION_BUDGET"));
		int apiPool = Integer.parseInt(environment("api").get("SLUICE_API_POOL_SIZE"));
		assertThat(maxConnections).isGreaterThan(budget + apiPool + SUPERUSER_RESERVED_CONNECTIONS);
	}

	@Test
	void setsOnlySettingsTheConfigurationTableNames() {
		Set<String> documented = new TreeSet<>();
		Matcher matcher = Pattern.compile("`([A-Z][A-Z0-9_]+)`")
			.matcher(this.files.text(ConfigurationTableTests.DOCUMENT));
		while (matcher.find()) {
			documented.add(matcher.group(1));
		}
		for (String name : APPLICATIONS) {
			assertThat(environment(name).keySet()).as("environment of %s, in " + ConfigurationTableTests.DOCUMENT, name)
				.isNotEmpty()
				.isSubsetOf(documented);
		}
		assertThat(environment("worker")).containsKeys("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
				"SLUICE_DB_CONNECTION_BUDGET", "SLUICE_WORKER_CONCURRENCY");
		assertThat(environment("api")).containsKeys("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
				"SLUICE_AUTH_JWT_SECRET", "SLUICE_API_POOL_SIZE");
	}

	@Test
	void pinsTheDockerfileBaseImagesAndRunsAsAnUnprivilegedUser() {
		List<String> lines = this.files.text("Dockerfile").lines().map(String::strip).toList();
		List<String> stages = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
		for (String stage : stages) {
			String image = stage.split("\\s+")[1];
			assertThat(image).as(stage).matches(PINNED_IMAGE).startsWith("eclipse-temurin:17.");
		}
		assertThat(stages.get(stages.size() - 1)).contains("-jre");
		List<String> runtime = lines.subList(lines.lastIndexOf(stages.get(stages.size() - 1)), lines.size());
		List<String> users = runtime.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).as("USER in the runtime stage").isNotEmpty();
		String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0].strip();
		assertThat(user).isNotIn("root", "0");
		assertThat(runtime).anyMatch((line) -> line.startsWith("ENTRYPOINT [\""));
		assertThat(String.join("\n", lines)).contains("-Djarmode=tools").contains("extract --layers");
	}

	@Test
	void keepsBuildOutputAndLocalDataOutOfTheBuildContext() {
		List<String> ignored = this.files.text(".dockerignore").lines().map(String::strip).toList();
		assertThat(ignored).contains(".git", ".sluice/", "**/target/");
	}

	private Map<String, String> environment(String service) {
		Map<String, Object> environment = at(this.services, service, "environment");
		Map<String, String> resolved = new java.util.TreeMap<>();
		environment.forEach((key, value) -> resolved.put(key, withComposeDefaults(value)));
		return resolved;
	}

	private boolean isTool(String service) {
		return TOOLS.contains(service);
	}

	private int serverPort(String module) {
		Object port = at(this.files.yaml(module + "/src/main/resources/application.yml"), "server", "port");
		return (Integer) port;
	}

	private int managementPort(String module) {
		Object port = at(this.files.yaml(module + "/src/main/resources/application.yml"), "management", "server",
				"port");
		return (Integer) port;
	}

	/**
	 * The longest one phase of the application's shutdown may take: its
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}, Spring Boot's 30 s if unset.
	 */
	private Duration shutdownTimeout(String module) {
		Object timeout = at(this.files.yaml(module + "/src/main/resources/application.yml"), "spring", "lifecycle",
				"timeout-per-shutdown-phase");
		return (timeout != null) ? RepositoryFiles.springDuration(timeout.toString()) : Duration.ofSeconds(30);
	}

}
