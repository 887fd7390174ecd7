package io.sluice.api.security.owasp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sluice.api.ApiClient;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.EventStream;
import io.sluice.api.LargeBodies;
import io.sluice.api.LargeBodies.Answer;
import io.sluice.api.limit.BodyAdmissionFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OWASP API Security Top 10 (2023), API4: Unrestricted Resource Consumption. Every way
 * one caller could take more than its share of an API instance is refused with a problem
 * body and stores nothing: a body over the size limit (413), a third large body in flight
 * from one owner (429) and bodies past the instance's bytes in flight (503), both refused
 * before the body is read; more event streams than an owner's share (429); more requests
 * than the rate limit (429); more photos than a job may hold (400); and pages larger than
 * the listings serve (400). Runs against the real API, PostgreSQL and Kafka with the
 * shared test limits: bodies up to 256 KB, large above 200 KB, 4 MB in flight, 20 streams
 * per owner.
 */
class Api4UnrestrictedResourceConsumptionIntegrationTests extends ApiIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** The shared context's sluice.api.jobs.max-body-size. */
	private static final int MAX_BODY = 256 * 1024;

	/** The shared context's sluice.api.limits.large-body-threshold. */
	private static final int LARGE_THRESHOLD = 200 * 1024;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private FilterRegistrationBean<BodyAdmissionFilter> bodyAdmission;

	private final List<Socket> held = new ArrayList<>();

	private final List<EventStream> streams = new ArrayList<>();

	@AfterEach
	void letGo() throws IOException {
		for (Socket socket : this.held) {
			socket.close();
		}
		this.streams.forEach(EventStream::close);
		await().atMost(WAIT).until(() -> admission().bodyBytesInFlight() == 0);
	}

	@Test
	void refusesABodyOverTheSizeLimitWith413() {
		String owner = owner();
		Response refused = api().postJobBytes(api().tokenFor(owner), new byte[MAX_BODY + 1]);

		JsonNode problem = assertProblem(refused, 413);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:body-too-large");
		assertThat(problem.get("detail").asString()).contains(String.valueOf(MAX_BODY));
		assertThat(jobsOf(owner)).isZero();
	}

	@Test
	void refusesAThirdLargeBodyOfOneOwnerUnreadWith429AndServesItOnceOneEnds() throws Exception {
		String owner = owner();
		String token = api().tokenFor(owner);
		hold(token, LARGE_THRESHOLD + 1);
		hold(token, MAX_BODY);
		await().atMost(WAIT).until(() -> admission().bodyBytesInFlight() == LARGE_THRESHOLD + 1 + MAX_BODY);

		Answer refused = LargeBodies.postGeneratedJob(this.port, token, 1_000, 250);

		JsonNode problem = assertProblem(refused, 429);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:too-many-large-bodies");
		assertThat(problem.get("detail").asString()).contains("2 large request bodies")
			.contains("sluice.api.limits.max-large-bodies-per-owner")
			.contains("Nothing was stored");
		assertThat(problem.get("maxLargeBodiesPerOwner").asInt()).isEqualTo(2);
		assertThat(refused.header("Retry-After")).isEqualTo("2");
		Response small = api().postJob(token, aJob().withPhotos(3).toJson());
		assertThat(small.status()).as("a small body is not held back: %s", small).isEqualTo(202);
		Answer otherOwner = LargeBodies.postGeneratedJob(this.port, api().tokenFor(owner()), 1_000, 250);
		assertThat(otherOwner.status()).as("another owner's large body: %s", otherOwner).isEqualTo(202);
		assertThat(jobsOf(owner)).as("only the small job").isEqualTo(1);

		this.held.remove(0).close();
		await().atMost(WAIT).until(() -> admission().bodyBytesInFlight() == MAX_BODY);
		Answer admitted = LargeBodies.postGeneratedJob(this.port, token, 1_000, 250);
		assertThat(admitted.status()).as("an abandoned body gave its place back: %s", admitted).isEqualTo(202);
	}

	@Test
	void refusesABodyPastTheInstancesBytesInFlightWith503BeforeReadingIt() throws Exception {
		long cap = admission().maxBodyBytesInFlight();
		long inFlight = 0;
		while (inFlight + LARGE_THRESHOLD <= cap) {
			hold(api().tokenFor(owner()), LARGE_THRESHOLD);
			inFlight += LARGE_THRESHOLD;
		}
		long expected = inFlight;
		await().atMost(WAIT).until(() -> admission().bodyBytesInFlight() == expected);

		String owner = owner();
		Answer refused = LargeBodies.postGeneratedJob(this.port, api().tokenFor(owner), 1_000, 200);

		JsonNode problem = assertProblem(refused, 503);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		assertThat(problem.get("detail").asString()).contains(String.valueOf(cap))
			.contains("sluice.api.limits.max-body-bytes-in-flight");
		assertThat(refused.header("Retry-After")).isEqualTo("2");
		assertThat(jobsOf(owner)).isZero();
		assertThat(api().get("/api/v1/jobs?limit=1", api().tokenFor(owner)).status())
			.as("requests without a body are not counted")
			.isEqualTo(200);
	}

	@Test
	void capsEventStreamsPerOwnerAndStillServesOthers() {
		String alice = owner();
		String aliceToken = api().tokenFor(alice);
		String job = submit(aliceToken);
		for (int i = 0; i < 20; i++) {
			assertThat(open(job, aliceToken).status()).isEqualTo(200);
		}

		EventStream refused = open(job, aliceToken);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:too-many-streams");
		assertThat(problem.get("detail").asString()).contains("20 event streams")
			.contains("sluice.api.events.max-streams-per-owner");
		assertThat(problem.get("maxStreamsPerOwner").asInt()).isEqualTo(20);
		String bobToken = api().tokenFor(owner());
		assertThat(open(submit(bobToken), bobToken).status()).as("another owner still gets a stream").isEqualTo(200);
	}

	@Test
	void limitsTheRequestRateOfOneOwner() throws Exception {
		ApiClient api = api();
		String token = api.tokenFor(owner());
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			Response limited = await().atMost(Duration.ofSeconds(90))
				.until(() -> firstLimited(clients, api, token), (response) -> response != null);
			JsonNode problem = assertProblem(limited, 429);
			assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:too-many-requests");
			assertThat(limited.header("Retry-After")).isNotNull();
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void refusesAJobOverTheMostPhotosAJobMayHold() {
		String owner = owner();
		Response refused = api().postJob(api().tokenFor(owner), aJob().withPhotos(2_001).toJson());

		JsonNode problem = assertProblem(refused, 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-request");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("photos");
		assertThat(jobsOf(owner)).isZero();
	}

	@Test
	void capsThePageSizeOfEveryListing() {
		String token = api().tokenFor(owner());
		String job = submit(token);

		assertThat(api().get("/api/v1/jobs?limit=100", token).status()).isEqualTo(200);
		for (String path : List.of("/api/v1/jobs?limit=101", "/api/v1/jobs/" + job + "/failures?limit=101",
				"/api/v1/jobs?limit=1000000")) {
			JsonNode problem = assertProblem(api().get(path, token), 400);
			assertThat(problem.get("type").asString()).as(path).isEqualTo("urn:sluice:problem:invalid-query");
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
		}
	}

	private Response firstLimited(ExecutorService clients, ApiClient api, String token) throws Exception {
		List<Future<Response>> answers = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			answers.add(clients.submit(() -> api.get("/api/v1/jobs?limit=1", token)));
		}
		Response limited = null;
		for (Future<Response> answer : answers) {
			Response response = answer.get(60, TimeUnit.SECONDS);
			if (response.status() == 429) {
				limited = response;
			}
		}
		return limited;
	}

	private void hold(String token, long declaredBytes) {
		this.held.add(LargeBodies.startBody(this.port, token, declaredBytes));
	}

	private EventStream open(String job, String token) {
		EventStream stream = api().events("/api/v1/jobs/" + job + "/events", token, null);
		this.streams.add(stream);
		return stream;
	}

	private String submit(String token) {
		Response created = api().postJob(token, aJob().withPhotos(2).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return created.json().get("id").asString();
	}

	private int jobsOf(String owner) {
		return this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Integer.class, owner);
	}

	private BodyAdmissionFilter admission() {
		return this.bodyAdmission.getFilter();
	}

	private static String owner() {
		return "api4-" + UUID.randomUUID();
	}

}
