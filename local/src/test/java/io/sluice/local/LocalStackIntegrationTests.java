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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sluice.common.db.UrlHash;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as the launcher runs it: PostgreSQL, a Kafka broker, two API instances
 * on consecutive ports and two workers, each its own process, driven through HTTP like a
 * client would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
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
			.withApiPort(twoFreePorts())
			.withApiInstances(2);
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
	void mintsADayLongTokenForTheIssuerAndAudienceTheApiChecks() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(stack.token()).getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(DevTokens.ISSUER);
		assertThat(claims.getAudience()).containsExactly(DevTokens.AUDIENCE);
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofHours(24));
		assertThat(stack.tokenExpiresAt()).isBetween(claims.getExpirationTime().toInstant().minusSeconds(5),
				claims.getExpirationTime().toInstant());

		SignedJWT otherAudience = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				new JWTClaimsSet.Builder(claims).audience("another-api").build());
		otherAudience.sign(new MACSigner(stack.settings().jwtSecret().getBytes(StandardCharsets.UTF_8)));
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/jobs"))
			.header("Authorization", "Bearer " + otherAudience.serialize())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		assertThat(json.readTree(refused.body()).get("detail").asString()).contains("wrong audience (aud)");
	}

	@Test
	void printsItsConnectionFiguresAndLeasesEachWorkerItsWholeShareOfTheBudget() throws Exception {
		assertThat(Files.readString(stack.api().log())).contains("Connection figures: this API instance holds a "
				+ "fixed pool of " + stack.settings().apiPoolSize() + " connections");
		int wanted = stack.settings().workerConcurrency() + 1;
		for (ServiceProcess worker : stack.workers()) {
			assertThat(Files.readString(worker.log()))
				.contains("Connection budget: this worker asks the fleet's budget " + "of 20 connections")
				.contains("Leased " + wanted + " of the " + wanted + " connections this worker wants");
		}
		assertThat(leasedConnections()).isEqualTo(stack.settings().workers() * wanted);
	}

	/**
	 * Holds the job's last chunk in flight: an uncommitted row with the same album and
	 * url as its last photo makes the worker's insert wait, while the other chunks land.
	 * The job is cancelled then, and the held chunk let go.
	 */
	@Test
	void cancelsALargeJobMidDrainAndWritesNothingAfterTheCancel() throws Exception {
		// a small job first, so that a cold producer does not meet the large one
		awaitTerminal(submit(jobBody(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 10)));
		long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		JsonNode cancelled;
		String location;
		try (Connection blocker = database()) {
			blocker.setAutoCommit(false);
			int blockerPid = holdPhoto(blocker, album, photoUrl(album, 49_999));
			location = submit(jobBody(album, 50_000));
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> queryInt("SELECT count(*)::int FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
						blockerPid) > 0 && view(location).get("photos").get("written").asInt() > 0);

			HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + location))
				.header("Authorization", "Bearer " + stack.token())
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
			cancelled = json.readTree(cancel.body());
			blocker.rollback();
		}
		JsonNode photos = cancelled.get("photos");
		int written = photos.get("written").asInt();
		assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(written).as("written when cancelled").isPositive();
		assertThat(photos.get("cancelled").asInt()).as("photos that never landed").isPositive();
		assertThat(written + photos.get("duplicate").asInt() + photos.get("failed").asInt()
				+ photos.get("cancelled").asInt())
			.isEqualTo(50_000);
		// every chunk reaches a worker; the one held in flight, and any after the cancel,
		// are
		// skipped
		String id = location.substring(location.lastIndexOf('/') + 1);
		int chunks = queryInt("SELECT chunk_count FROM import_job WHERE id = ?::uuid", id);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> queryInt("SELECT count(*)::int FROM import_chunk WHERE job_id = ?::uuid", id) == chunks);
		assertThat(photoRows(album)).as("photo rows once every chunk has been consumed").isEqualTo(written);
		assertThat(queryInt("SELECT coalesce(sum(written), 0)::int FROM import_chunk WHERE job_id = ?::uuid", id))
			.isEqualTo(written);
		assertThat(queryInt("SELECT (outcome = 'SKIPPED_CANCELLED')::int FROM import_chunk "
				+ "WHERE job_id = ?::uuid AND chunk_index = " + (chunks - 1), id))
			.as("the chunk held in flight is skipped")
			.isEqualTo(1);
		JsonNode after = view(location);
		assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(after.get("photos")).isEqualTo(photos);
		assertThat(after.get("finishedAt")).isEqualTo(cancelled.get("finishedAt"));
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
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.infrastructure().bootstrapServers())
			.containsEntry("SLUICE_AUTH_JWT_SECRET", stack.settings().jwtSecret());

		HttpResponse<String> unknown = http.send(HttpRequest
			.newBuilder(URI.create(environment.get("SLUICE_API_URL") + "/api/v1/jobs/" + java.util.UUID.randomUUID()))
			.header("Authorization", "Bearer " + environment.get("SLUICE_TOKEN"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);
		// the operator's token opens /admin, which the owner's does not
		String album = environment.get("SLUICE_API_URL") + "/admin/albums/" + Long.MAX_VALUE;
		HttpResponse<String> unowned = http.send(HttpRequest.newBuilder(URI.create(album))
			.header("Authorization", "Bearer " + environment.get("SLUICE_ADMIN_TOKEN"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unowned.statusCode()).isEqualTo(404);
		assertThat(unowned.body()).contains("urn:sluice:problem:album-not-found");
		HttpResponse<String> owners = http.send(HttpRequest.newBuilder(URI.create(album))
			.header("Authorization", "Bearer " + environment.get("SLUICE_TOKEN"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(owners.statusCode()).isEqualTo(403);

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

	/**
	 * Runs last: the killed worker's lease stays in {@code connection_lease} until a
	 * worker asks for one after its time to live, which would upset the check of the
	 * leases above.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void startsAKilledWorkerAgainWhileTheApiStaysReady(CapturedOutput output) throws Exception {
		ServiceProcess killed = stack.workers().get(0);
		long pid = killed.pid();
		try (Supervisor supervisor = new Supervisor(stack).start();
				ReadinessSampler api = ReadinessSampler.start(stack.api())) {
			assertThat(supervisor.awaitWorkersSettled(Duration.ofMinutes(1))).as("the supervisor has seen the workers")
				.isTrue();
			killed.signal("KILL");
			await().atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> killed.isAlive() && killed.pid() != pid && killed.isReady());
			String restarted = "Started " + killed.name() + " again (pid " + killed.pid() + ")";
			assertThat(output)
				.contains(killed.name() + " exited with code 137 (signal 9) (log: " + killed.log()
						+ "); starting it again in 1 s", restarted)
				.doesNotContain("exited before it was ready");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut().substring(output.getOut().indexOf(restarted)))
					.contains(killed.name() + " is ready"));

			long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
			JsonNode job = awaitTerminal(submit(jobBody(album, 2_000)));
			assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(photoRows(album)).isEqualTo(2_000);
			assertThat(api.samples()).as("readiness probes of the API").isPositive();
			assertThat(api.notReady()).as("the API's readiness while a worker was killed and replaced").isEmpty();
		}
		assertThat(stack.workers()).allMatch(ServiceProcess::isAlive);
	}

	@Test
	void servesEveryJobFromEveryApiInstanceAndListsTheirUrls() throws Exception {
		assertThat(stack.apiUrls()).hasSize(2);
		String location = submit(jobBody(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 10));

		String second = stack.apiUrls().get(1);
		HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(second + location))
			.header("Authorization", "Bearer " + stack.token())
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(json.readTree(read.body()).get("photos").get("total").asInt()).isEqualTo(10);
		assertThat(stack.apis().get(1).log()).hasFileName("api-2.log");
		assertThat(Files.readString(stack.environmentFile()))
			.contains("SLUICE_API_URLS=" + stack.apiUrls().get(0) + "," + second);
		assertThat(stack.settings().connectionCap())
			.isEqualTo(2 * stack.settings().apiPoolSize() + 2 * (stack.settings().workerConcurrency() + 1));
	}

	/**
	 * The rate limit is counted by each API instance apart (ADR 0035; operations.md,
	 * "Several API instances"): one owner spends its burst on the first instance until it
	 * is refused, and the second then serves it a whole burst of its own.
	 */
	@Test
	void countsAnOwnersRateOnEachApiInstanceApart() throws Exception {
		String token = tokenFor("rate-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));

		Spent first = spendUntilRefused(stack.apiUrls().get(0), token);
		Spent second = spendUntilRefused(stack.apiUrls().get(1), token);

		int burst = 100;
		assertThat(first.served()).as("served by the first instance before its 429").isGreaterThanOrEqualTo(burst);
		assertThat(second.served()).as("served by the second instance, after the first refused")
			.isGreaterThanOrEqualTo(burst);
		assertThat(first.refusal().statusCode()).isEqualTo(429);
		assertThat(first.refusal().headers().firstValue("Retry-After")).isPresent();
		assertThat(json.readTree(first.refusal().body()).get("type").asString())
			.isEqualTo("urn:sluice:problem:too-many-requests");
	}

	/**
	 * Reads the owner's job list from one instance, eight requests at a time (faster than
	 * the bucket refills), until the instance answers 429.
	 */
	private static Spent spendUntilRefused(String apiUrl, String token) throws Exception {
		HttpRequest list = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/jobs"))
			.header("Authorization", "Bearer " + token)
			.build();
		int served = 0;
		for (int round = 0; round < 500; round++) {
			List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				requests.add(http.sendAsync(list, HttpResponse.BodyHandlers.ofString()));
			}
			HttpResponse<String> refusal = null;
			for (CompletableFuture<HttpResponse<String>> request : requests) {
				HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
				if (response.statusCode() == 200) {
					served++;
				}
				else if (refusal == null) {
					refusal = response;
				}
			}
			if (refusal != null) {
				return new Spent(served, refusal);
			}
		}
		throw new AssertionError(apiUrl + " served " + served + " requests of one owner without a 429");
	}

	/** A token of the dev token's issuer and audience, for another owner. */
	private static String tokenFor(String owner) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(stack.token()).getJWTClaimsSet();
		SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				new JWTClaimsSet.Builder(claims).subject(owner).build());
		token.sign(new MACSigner(stack.settings().jwtSecret().getBytes(StandardCharsets.UTF_8)));
		return token.serialize();
	}

	/**
	 * What one instance served an owner before refusing it.
	 *
	 * @param served requests answered 200
	 * @param refusal the first answer that was not
	 */
	private record Spent(int served, HttpResponse<String> refusal) {
	}

	/** A port whose next port is free too, for two API instances. */
	private static int twoFreePorts() {
		for (int attempt = 0;; attempt++) {
			int port = FreePorts.find();
			if (port < 65_535 && FreePorts.isFree(port + 1) || attempt == 20) {
				return port;
			}
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

	private static JsonNode view(String location) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + location))
			.header("Authorization", "Bearer " + stack.token())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static JsonNode awaitTerminal(String location) {
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
			view[0] = view(location);
			String status = view[0].get("status").asString();
			return !status.equals("PENDING") && !status.equals("QUEUED") && !status.equals("RUNNING");
		});
		return view[0];
	}

	private static Connection database() throws Exception {
		return DriverManager.getConnection(stack.infrastructure().jdbcUrl(), stack.infrastructure().username(),
				stack.infrastructure().password());
	}

	/**
	 * Inserts a photo row without committing, so that a worker inserting the same photo
	 * waits for this transaction.
	 * @return the blocking connection's backend pid
	 */
	private static int holdPhoto(Connection connection, long album, String url) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO photo (album_id, url_hash, url, job_id) VALUES (?, ?, ?, gen_random_uuid())");
				PreparedStatement pid = connection.prepareStatement("SELECT pg_backend_pid()")) {
			insert.setLong(1, album);
			insert.setObject(2, UrlHash.of(url));
			insert.setString(3, url);
			insert.executeUpdate();
			try (ResultSet result = pid.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private static int queryInt(String sql, Object parameter) throws Exception {
		try (Connection connection = database(); PreparedStatement query = connection.prepareStatement(sql)) {
			query.setObject(1, parameter);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private static int leasedConnections() throws Exception {
		return queryInt("SELECT coalesce(sum(connections), 0)::int FROM connection_lease WHERE connections > ?", 0);
	}

	private static long photoRows(long album) throws Exception {
		return queryInt("SELECT count(*)::int FROM photo WHERE album_id = ?", album);
	}

	private static String photoUrl(long album, int index) {
		return "https://images.example.com/" + album + "/" + index + ".jpg";
	}

	private static String jobBody(long album, int photos) {
		StringBuilder body = new StringBuilder("{\"albumId\":").append(album).append(",\"photos\":[");
		for (int i = 0; i < photos; i++) {
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"url\":\"")
				.append(photoUrl(album, i))
				.append("\",\"caption\":\"Photo ")
				.append(i)
				.append("\"}");
		}
		return body.append("]}").toString();
	}

}
