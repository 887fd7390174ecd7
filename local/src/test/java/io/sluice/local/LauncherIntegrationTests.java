package io.sluice.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.embedded.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as {@code ./sluice-local} runs it, in a process of its own, with a
 * connection budget too small for both of its workers: 5 connections, 3 of them to lease,
 * and each worker wants 3. It starts PostgreSQL, Kafka, the API and both workers, and is
 * ready with one worker leased and the other waiting. Then it is stopped with SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIntegrationTests {

	private static final Pattern WORKER_LINE = Pattern.compile("(?m)^ +(worker-\\d+) +(.+?) +(http://\\S+)$");

	private static final Pattern METRICS_LINE = Pattern
		.compile("(?m)^ +(?:Metrics +)?(http://127\\.0\\.0\\.1:(\\d+)/actuator/prometheus) +\\((API|worker-\\d+)\\)$");

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	static LauncherProcess launcher;

	@BeforeAll
	static void launch() {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		// The readiness answers show each component's details too, which come before its
		// status, as a worker may be configured to
		launcher = LauncherProcess.start(directory.resolve("launcher.out"),
				Map.of("SLUICE_DB_CONNECTION_BUDGET", "5", "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_SHOW_DETAILS",
						"always"),
				"--home=" + home, "--dir=" + directory.resolve("sluice"), "--port=" + FreePorts.find(), "--workers=2");
		launcher.awaitOutput("Press Ctrl-C to stop everything.", Duration.ofMinutes(8));
	}

	@AfterAll
	static void stop() {
		if (launcher != null) {
			launcher.close();
			System.out.println("The launcher printed:\n" + launcher.output());
		}
	}

	@Test
	@Order(1)
	void isReadyWithTheWorkerThatWaitsForALeaseShownWaiting() throws Exception {
		String output = launcher.output();
		assertThat(output).contains("Sluice is ready.")
			.contains("Connections  at most 9 = API pool 4 + SLUICE_DB_CONNECTION_BUDGET 5 (2 kept for starting "
					+ "workers); 2 workers x (2 threads + 1) want 6, so some wait")
			.containsPattern("Token +expires \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z \\(24 hours")
			.doesNotContain("exited with code");
		Map<String, String> states = new TreeMap<>();
		Map<String, String> addresses = new TreeMap<>();
		Matcher line = WORKER_LINE.matcher(output);
		while (line.find()) {
			states.put(line.group(1), line.group(2));
			addresses.put(line.group(1), line.group(3));
		}
		assertThat(states.values()).as("the banner's worker lines")
			.containsExactlyInAnyOrder("ready", "waiting for a connection lease");
		String waiting = states.entrySet()
			.stream()
			.filter((state) -> state.getValue().startsWith("waiting"))
			.findFirst()
			.orElseThrow()
			.getKey();
		assertThat(output).containsPattern("WARN  " + waiting + " is waiting for a connection lease: ");
		assertThat(Files.readString(directory.resolve("sluice/logs/" + waiting + ".log")))
			.contains("Waiting for a connection lease");

		HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create(addresses.get(waiting))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"waiting\":");
		assertThat(Readiness.of(readiness.statusCode(), readiness.body()).components()).containsEntry("lease", "DOWN")
			.containsEntry("readinessState", "UP");
	}

	/**
	 * Every service's metrics are on a management port of its own, which the banner
	 * names; the API's public port serves none of them.
	 */
	@Test
	@Order(1)
	void printsWhereEachServicesMetricsAreAndKeepsThemOffThePublicPort() throws Exception {
		Map<String, String> metrics = new TreeMap<>();
		Set<String> ports = new TreeSet<>();
		Matcher line = METRICS_LINE.matcher(launcher.output());
		while (line.find()) {
			metrics.put(line.group(3), line.group(1));
			ports.add(line.group(2));
		}
		assertThat(metrics).containsOnlyKeys("API", "worker-1", "worker-2");
		assertThat(ports).as("a management port each").hasSize(3);
		for (Map.Entry<String, String> service : metrics.entrySet()) {
			HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(service.getValue())).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).as(service.getKey()).isEqualTo(200);
			assertThat(scrape.body()).as(service.getKey())
				.contains(service.getKey().equals("API") ? "application=\"sluice-api\""
						: "application=\"sluice-worker\"");
		}
		String apiUrl = launcher.output()
			.lines()
			.filter((banner) -> banner.strip().startsWith("API "))
			.map((banner) -> banner.strip().split("\\s+")[1])
			.findFirst()
			.orElseThrow();
		HttpResponse<String> publicScrape = http.send(
				HttpRequest.newBuilder(URI.create(apiUrl + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(publicScrape.statusCode()).as("/actuator/prometheus on the public port").isEqualTo(401);
	}

	@Test
	@Order(2)
	void stopsEveryProcessItStartedOnSigtermTheLeasedWorkerGivingBackItsLease() throws Exception {
		List<ProcessHandle> started = launcher.descendants();
		assertThat(started).as("PostgreSQL is started by pg_ctl and leaves the tree; Kafka, the API, 2 workers")
			.hasSizeGreaterThanOrEqualTo(4);

		launcher.terminate(Duration.ofMinutes(3));

		assertThat(launcher.exitCode()).as("exit code after SIGTERM").isEqualTo(143);
		String output = launcher.output();
		assertThat(output).contains("Stopping Sluice...", "Sluice stopped.").doesNotContain("exited with code");
		assertThat(started).noneMatch(ProcessHandle::isAlive);
		assertThat(directory.resolve("sluice/data/postgres/postmaster.pid")).as("PostgreSQL stopped").doesNotExist();
		String leased = WORKER_LINE.matcher(output)
			.results()
			.filter((line) -> line.group(2).equals("ready"))
			.map((line) -> line.group(1))
			.findFirst()
			.orElseThrow();
		assertThat(Files.readString(directory.resolve("sluice/logs/" + leased + ".log")))
			.contains("Gave back the lease of 3 connections");
	}

}
