package io.sluice.api.job.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.EventStream;
import io.sluice.api.EventStream.Event;
import io.sluice.common.job.JobLedger;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.Infrastructure;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/jobs/{id}/events} against the real API, PostgreSQL and Kafka. No
 * worker runs here: the tests move a job along by updating its row the way a worker's
 * chunk transaction does (counters, status, {@code updated_at}).
 */
class JobEventsIntegrationTests extends ApiIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JobEventStreams streams;

	@Autowired
	private JobEventPoller poller;

	@Autowired
	private MeterRegistry meters;

	private final List<EventStream> opened = new ArrayList<>();

	@BeforeEach
	void noStreamLeftOpenByAnotherTest() {
		await().atMost(WAIT).until(() -> this.streams.size() == 0);
	}

	@AfterEach
	void closeStreams() {
		this.opened.forEach(EventStream::close);
	}

	@Test
	void streamsTheViewOnEachChangeUntilTheJobEnds() {
		String token = api().tokenFor("events-alice");
		String id = submit(token, 200);
		EventStream stream = open(id, token, null);

		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
		await().atMost(WAIT).until(() -> stream.events().size() == 1);
		Event queued = stream.events().get(0);
		assertThat(queued.name()).isEqualTo("job");
		assertThat(queued.json()).as("the same JSON as GET").isEqualTo(api().get("/api/v1/jobs/" + id, token).json());
		assertThat(queued.json().get("status").asString()).isEqualTo("QUEUED");

		progress(id, "RUNNING", 100, 0, 0);
		await().atMost(WAIT).until(() -> stream.events().size() == 2);
		JsonNode running = stream.events().get(1).json();
		assertThat(running.get("status").asString()).isEqualTo("RUNNING");
		assertThat(running.get("photos").get("written").asInt()).isEqualTo(100);
		assertThat(running.get("etaSeconds").isNumber()).as(running.toString()).isTrue();

		progress(id, "COMPLETED", 180, 20, 0);
		await().atMost(WAIT).until(stream::ended);
		List<Event> events = stream.events();
		assertThat(events).hasSize(3).allSatisfy((event) -> assertThat(event.name()).isEqualTo("job"));
		assertThat(events.get(1).version()).isGreaterThan(events.get(0).version());
		assertThat(events.get(2).version()).isGreaterThan(events.get(1).version());
		JsonNode completed = events.get(2).json();
		assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(completed.get("photos").get("duplicate").asInt()).isEqualTo(20);
		assertThat(completed.get("finishedAt").isNull()).isFalse();
		assertThat(completed.get("etaSeconds").asLong()).isZero();
		await().atMost(WAIT).until(() -> this.streams.size() == 0);
	}

	@Test
	void resumesAfterLastEventIdWithoutResendingWhatTheClientHas() {
		String token = api().tokenFor("events-bob");
		String id = submit(token, 200);
		EventStream first = open(id, token, null);
		await().atMost(WAIT).until(() -> first.events().size() == 1);
		progress(id, "RUNNING", 100, 0, 0);
		await().atMost(WAIT).until(() -> first.events().size() == 2);
		Event seen = first.events().get(1);
		first.close();

		EventStream resumed = open(id, token, seen.id());
		await().atMost(WAIT).until(() -> !resumed.comments().isEmpty());
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> resumed.events().isEmpty());
		progress(id, "RUNNING", 150, 0, 0);
		await().atMost(WAIT).until(() -> !resumed.events().isEmpty());
		assertThat(resumed.events()).hasSize(1);
		Event next = resumed.events().get(0);
		assertThat(next.version()).isGreaterThan(seen.version());
		assertThat(next.json().get("photos").get("written").asInt()).isEqualTo(150);

		EventStream behind = open(id, token, first.events().get(0).id());
		await().atMost(WAIT).until(() -> !behind.events().isEmpty());
		assertThat(behind.events().get(0)).as("a client one view behind gets the current one").isEqualTo(next);
	}

	@Test
	void sendsTheFinalViewOnceAndThenNoContent() {
		String token = api().tokenFor("events-carol");
		String id = submit(token, 100);
		progress(id, "COMPLETED_WITH_ERRORS", 90, 0, 10);

		EventStream ended = open(id, token, null);
		await().atMost(WAIT).until(ended::ended);
		assertThat(ended.events()).hasSize(1);
		Event last = ended.events().get(0);
		assertThat(last.json().get("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");

		EventStream again = open(id, token, last.id());
		assertThat(again.status()).as("EventSource stops reconnecting on 204").isEqualTo(204);
		assertThat(this.streams.size()).isZero();
	}

	/**
	 * A cancel that waits for a worker: first at the job's gate for a chunk transaction,
	 * then on the job's row for that chunk's roll-up, which stamps the row after the
	 * cancel began. The cancelled view must be newer than the view the roll-up left, or a
	 * client that saw that view never gets the final one (issue 14, item 6; ADR 0036).
	 */
	@Test
	void endsWithTheCancelledViewWhenTheCancelWaitedForAWorker() throws Exception {
		String token = api().tokenFor("events-cancel-" + UUID.randomUUID());
		String id = submit(token, 300);
		EventStream live = open(id, token, null);
		await().atMost(WAIT).until(() -> live.events().size() == 1);
		CompletableFuture<Response> cancelling;
		long workersVersion;
		Infrastructure infrastructure = TestInfrastructure.shared();
		try (Connection chunk = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.username(),
				infrastructure.password());
				Connection rollUp = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.username(),
						infrastructure.password())) {
			chunk.setAutoCommit(false);
			try (PreparedStatement claim = chunk.prepareStatement("""
					WITH gated AS MATERIALIZED (SELECT pass_job_gate(?::uuid))
					INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written)
					SELECT ?::uuid, 0, 'WRITTEN', 100, 100 FROM gated
					""")) {
				claim.setString(1, id);
				claim.setString(2, id);
				claim.executeUpdate();
			}
			cancelling = CompletableFuture.supplyAsync(() -> api().delete("/api/v1/jobs/" + id, token));
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> cancelWaitsOn("pg_advisory_xact_lock"));
			rollUp.setAutoCommit(false);
			try (PreparedStatement lock = rollUp
				.prepareStatement("SELECT 1 FROM import_job WHERE id = ?::uuid FOR NO KEY UPDATE")) {
				lock.setString(1, id);
				lock.executeQuery().close();
			}
			chunk.commit();
			await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> cancelWaitsOn("cancelled = j.total"));
			// the chunk's roll-up stamps the row after the cancel began
			try (PreparedStatement advance = rollUp.prepareStatement(JobLedger.rollUp("j.id = ?::uuid"))) {
				advance.setString(1, id);
				advance.executeQuery().close();
			}
			try (PreparedStatement version = rollUp.prepareStatement(
					"SELECT (extract(epoch FROM updated_at) * 1000000)::bigint FROM import_job WHERE id = ?::uuid")) {
				version.setString(1, id);
				try (ResultSet row = version.executeQuery()) {
					row.next();
					workersVersion = row.getLong(1);
				}
			}
			rollUp.commit();
		}
		Response cancelled = cancelling.get(1, TimeUnit.MINUTES);
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);

		// a client that saw the worker's view still gets the cancelled one, and is done
		EventStream resumed = open(id, token, Long.toString(workersVersion));
		assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
		await().atMost(WAIT).until(resumed::ended);
		assertThat(resumed.events()).singleElement().satisfies((event) -> {
			assertThat(event.version()).isGreaterThan(workersVersion);
			assertThat(event.json().get("status").asString()).isEqualTo("CANCELLED");
			assertThat(event.json().get("photos").get("cancelled").asInt()).isEqualTo(200);
		});
		await().atMost(WAIT).until(live::ended);
		assertThat(live.events().get(live.events().size() - 1).json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(live.events()).extracting(Event::version).isSorted();
	}

	@Test
	void sendsHeartbeatsWhileTheJobIsQuiet() {
		String token = api().tokenFor("events-dave");
		EventStream stream = open(submit(token, 1), token, null);

		await().atMost(WAIT).until(() -> stream.comments().size() >= 2);
		assertThat(stream.comments()).allSatisfy((comment) -> assertThat(comment).isEqualTo(": keep-alive"));
		assertThat(stream.events()).hasSize(1);
		assertThat(stream.ended()).isFalse();
	}

	@Test
	void hidesAnotherOwnersJobBeforeTheStreamStarts() {
		String id = submit(api().tokenFor("events-owner"), 1);

		EventStream others = open(id, api().tokenFor("events-intruder"), null);
		EventStream unknown = open(UUID.randomUUID().toString(), api().tokenFor("events-intruder"), null);

		for (EventStream refused : List.of(others, unknown)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.json().get("status").asInt()).isEqualTo(404);
		}
		assertThat(this.streams.size()).isZero();
	}

	@Test
	void refusesAStreamWithoutAToken() {
		EventStream anonymous = open(UUID.randomUUID().toString(), null, null);

		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void capsStreamsPerInstanceAndFreesTheSlotOfAClientThatLeft() {
		// 30 streams from two owners: each stays within its share of 20
		String erin = api().tokenFor("events-erin");
		String erinsJob = submit(erin, 1);
		String ivan = api().tokenFor("events-ivan");
		String ivansJob = submit(ivan, 1);
		List<EventStream> full = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			full.add(open(erinsJob, erin, null));
			full.add(open(ivansJob, ivan, null));
		}
		assertThat(full).allSatisfy((stream) -> assertThat(stream.status()).isEqualTo(200));
		assertThat(this.streams.size()).isEqualTo(30);
		assertThat(this.meters.get(JobEventsConfiguration.STREAMS_GAUGE).gauge().value()).isEqualTo(30);

		EventStream refused = open(erinsJob, erin, null);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		assertThat(this.streams.openBy("events-erin")).as("a refused stream takes no owner slot").isEqualTo(15);

		full.get(0).close();
		await().atMost(WAIT).until(() -> this.streams.size() == 29);
		assertThat(open(erinsJob, erin, null).status()).isEqualTo(200);
	}

	@Test
	void manyStreamsShareOneQueryPerTickAndAtMostOneConnection() throws SQLException {
		String token = api().tokenFor("events-frank");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ids.add(submit(token, 100));
		}
		List<EventStream> streams = new ArrayList<>();
		for (String id : ids) {
			streams.add(open(id, token, null));
			streams.add(open(id, token, null));
		}
		await().atMost(WAIT).until(() -> streams.stream().allMatch((stream) -> stream.events().size() == 1));

		Infrastructure database = TestInfrastructure.shared();
		try (ConnectionSampler sampler = ConnectionSampler.start(database, "sluice-api");
				Connection own = DriverManager.getConnection(database.jdbcUrl(), database.username(),
						database.password())) {
			long queriesBefore = this.poller.queries();
			long startNanos = System.nanoTime();
			try (PreparedStatement all = own.prepareStatement("""
					UPDATE import_job SET status = 'RUNNING', written = 50, chunks_done = 1,
					    updated_at = clock_timestamp()
					WHERE id = ANY(?)
					""")) {
				all.setArray(1, own.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
				assertThat(all.executeUpdate()).isEqualTo(10);
			}
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(streams)
					.allSatisfy((stream) -> assertThat(stream.events()).as(stream.toString()).hasSize(2)));
			await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
			long queries = this.poller.queries() - queriesBefore;
			long ticks = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 100;

			assertThat(queries).as("one query per 100 ms tick for 20 streams, not one per stream")
				.isPositive()
				.isLessThanOrEqualTo(ticks + 2);
			assertThat(sampler.samples()).isGreaterThan(10);
			assertThat(sampler.series()).as("the API's connections in use while 20 streams are open")
				.allSatisfy((sample) -> assertThat(sample.busy()).isLessThanOrEqualTo(1));
		}
		assertThat(streams).allSatisfy(
				(stream) -> assertThat(stream.events().get(1).json().get("status").asString()).isEqualTo("RUNNING"));
	}

	@Test
	void getsRetryAfterFromTheEstimate() {
		String token = api().tokenFor("events-grace");
		String id = submit(token, 200);
		this.jdbc.update("""
				UPDATE import_job SET status = 'RUNNING', written = 100, chunks_done = 1,
				    created_at = clock_timestamp() - interval '20 seconds', updated_at = clock_timestamp()
				WHERE id = ?::uuid
				""", id);

		Response running = api().get("/api/v1/jobs/" + id, token);

		long eta = running.json().get("etaSeconds").asLong();
		assertThat(eta).as("100 of 200 in 20 s: about 20 s left").isBetween(20L, 25L);
		assertThat(running.header("Retry-After")).isEqualTo(String.valueOf(eta));

		progress(id, "COMPLETED", 200, 0, 0);
		// a polled job may be answered from the poller's read, at most two ticks old
		await().atMost(WAIT).untilAsserted(() -> {
			Response completed = api().get("/api/v1/jobs/" + id, token);
			assertThat(completed.json().get("etaSeconds").asLong()).isZero();
			assertThat(completed.header("Retry-After")).as("nothing to wait for").isNull();
		});
	}

	private String submit(String token, int photos) {
		Response created = api().postJob(token, aJob().withPhotos(photos).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return created.json().get("id").asString();
	}

	private EventStream open(String id, String token, String lastEventId) {
		EventStream stream = api().events("/api/v1/jobs/" + id + "/events", token, lastEventId);
		this.opened.add(stream);
		return stream;
	}

	/** Moves a job as a worker's chunk transaction would. */
	private boolean cancelWaitsOn(String statement) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				SELECT EXISTS (SELECT 1 FROM pg_stat_activity
				               WHERE wait_event_type = 'Lock' AND query LIKE '%' || ? || '%'
				                 AND query NOT LIKE '%pg_stat_activity%')
				""", Boolean.class, statement));
	}

	private void progress(String id, String status, int written, int duplicate, int failed) {
		int updated = this.jdbc.update("""
				UPDATE import_job
				SET status = ?, written = ?, duplicate = ?, failed = ?, chunks_done = chunks_done + 1,
				    finished_at = CASE WHEN ? IN ('COMPLETED', 'COMPLETED_WITH_ERRORS') THEN clock_timestamp() END,
				    updated_at = clock_timestamp()
				WHERE id = ?::uuid
				""", status, written, duplicate, failed, status, id);
		assertThat(updated).isEqualTo(1);
	}

}
