package io.sluice.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sluice.testing.ConnectionSampler;
import io.sluice.testing.DevTokens;
import io.sluice.testing.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as the launcher runs it: PostgreSQL, a Kafka broker, the API and two
 * workers, each its own process, driven through HTTP like a client would.
 */
class LocalStackIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		LocalSettings settings = LocalSettings.defaults(home, directory, DevTokens.randomSecret())
			.withApiPort(FreePorts.find());
		stack = new LocalStack(settings).start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void importsTenThousandPhotosExactlyOnceWithinTheConnectionCap() throws Exception {
		long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		String body = jobBody(album, 10_000);
		JsonNode first;
		try (ConnectionSampler sampler = ConnectionSampler.start(stack.infrastructure(), "sluice-%")) {
			first = awaitTerminal(submit(body));
			assertThat(sampler.samples()).isPositive();
			assertThat(sampler.peak()).isPositive().isLessThanOrEqualTo(stack.settings().connectionCap());
		}
		assertThat(first.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(first.get("photos").get("total").asInt()).isEqualTo(10_000);
		assertThat(first.get("photos").get("written").asInt()).isEqualTo(10_000);
		assertThat(first.get("photos").get("duplicate").asInt()).isZero();
		assertThat(first.get("photos").get("failed").asInt()).isZero();
		assertThat(first.get("finishedAt").isNull()).isFalse();
		assertThat(photoRows(album)).isEqualTo(10_000);

		JsonNode again = awaitTerminal(submit(body));
		assertThat(again.get("id").asString()).isNotEqualTo(first.get("id").asString());
		assertThat(again.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(again.get("photos").get("written").asInt()).isZero();
		assertThat(again.get("photos").get("duplicate").asInt()).isEqualTo(10_000);
		assertThat(photoRows(album)).isEqualTo(10_000);
	}

	@Test
	void writesAnEnvironmentFileThatReachesTheApiAndTheDatabase() throws Exception {
		Map<String, String> environment = new HashMap<>();
		for (String line : Files.readAllLines(stack.environmentFile(), StandardCharsets.UTF_8)) {
			if (!line.isBlank() && !line.startsWith("#")) {
				environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		assertThat(environment).containsKeys("SLUICE_API_URL", "SLUICE_TOKEN", "PGHOST", "PGPORT", "PGUSER",
				"PGDATABASE", "SLUICE_KAFKA_BOOTSTRAP");
		assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", stack.infrastructure().jdbcUrl())
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.infrastructure().bootstrapServers());

		HttpResponse<String> unknown = http.send(HttpRequest
			.newBuilder(URI.create(environment.get("SLUICE_API_URL") + "/api/v1/jobs/" + java.util.UUID.randomUUID()))
			.header("Authorization", "Bearer " + environment.get("SLUICE_TOKEN"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);

		String url = "jdbc:postgresql://" + environment.get("PGHOST") + ":" + environment.get("PGPORT") + "/"
				+ environment.get("PGDATABASE");
		try (Connection connection = DriverManager.getConnection(url, environment.get("PGUSER"), "");
				ResultSet tables = connection.createStatement()
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
							+ "('import_job', 'import_chunk', 'photo')")) {
			tables.next();
			assertThat(tables.getInt(1)).isEqualTo(3);
		}
	}

	private static String submit(String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/jobs"))
			.header("Authorization", "Bearer " + stack.token())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("/api/v1/jobs/");
		return location;
	}

	private static JsonNode awaitTerminal(String location) {
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + location))
				.header("Authorization", "Bearer " + stack.token())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			view[0] = json.readTree(response.body());
			String status = view[0].get("status").asString();
			return !status.equals("PENDING") && !status.equals("QUEUED") && !status.equals("RUNNING");
		});
		return view[0];
	}

	private static long photoRows(long album) throws Exception {
		try (Connection connection = DriverManager.getConnection(stack.infrastructure().jdbcUrl(),
				stack.infrastructure().username(), stack.infrastructure().password());
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM photo WHERE album_id = ?")) {
			count.setLong(1, album);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private static String jobBody(long album, int photos) {
		StringBuilder body = new StringBuilder("{\"albumId\":").append(album).append(",\"photos\":[");
		for (int i = 0; i < photos; i++) {
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"url\":\"https://images.example.com/")
				.append(album)
				.append('/')
				.append(i)
				.append(".jpg\",\"caption\":\"Photo ")
				.append(i)
				.append("\"}");
		}
		return body.append("]}").toString();
	}

}
