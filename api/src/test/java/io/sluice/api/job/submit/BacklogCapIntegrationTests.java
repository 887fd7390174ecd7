package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-owner cap on photos in unfinished jobs (default 300,000) on
 * {@code POST /api/v1/jobs}. Each test has owners of its own, whose backlog it writes
 * straight into {@code import_job}, as a worker's progress would (no worker runs here).
 */
class BacklogCapIntegrationTests extends ApiIntegrationTest {

	private static final long CAP = 300_000;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void refusesAJobThatWouldPassTheOwnersBacklogCapAndAcceptsItOnceTheJobsFinish() {
		String owner = "backlog-" + UUID.randomUUID();
		String token = api().tokenFor(owner);
		UUID running = openJob(owner, 299_000, 0, 5);
		String job = aJob().withPhotos(2_000).toJson();

		Response refused = api().postJob(token, job);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:too-many-pending-photos");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("pendingPhotos").asLong()).isEqualTo(299_000);
		assertThat(problem.get("jobPhotos").asInt()).isEqualTo(2_000);
		assertThat(problem.get("maxPendingPhotos").asLong()).isEqualTo(CAP);
		assertThat(problem.get("detail").asString()).contains("299000", "2000", "300000", "Nothing was stored");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3_600L);
		assertThat(jobsOf(owner)).as("nothing stored").isOne();

		// the same size, in an album of its own: the album belongs to the first owner
		Response otherOwner = api().postJob(api().tokenFor("backlog-" + UUID.randomUUID()),
				aJob().withPhotos(2_000).toJson());
		assertThat(otherOwner.status()).as(otherOwner.toString()).isEqualTo(202);

		this.jdbc.update(
				"""
						UPDATE import_job SET status = 'COMPLETED', written = total_photos, finished_at = now(), updated_at = now()
						WHERE id = ?""",
				running);
		Response accepted = api().postJob(token, job);
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(jobsOf(owner)).isEqualTo(2);
	}

	@Test
	void saysWhenEnoughOfTheBacklogWillHaveDrainedAtTheOwnersRate() {
		String owner = "backlog-" + UUID.randomUUID();
		// 10,000 photos processed in 100 s: 100 photos/s; 300,000 still pending
		openJob(owner, 310_000, 10_000, 100);

		Response refused = api().postJob(api().tokenFor(owner), aJob().withPhotos(2_000).toJson());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
		assertThat(refused.json().get("pendingPhotos").asLong()).isEqualTo(300_000);
		// 2,000 photos must drain at 100 photos/s (a little less as the test runs)
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(20L, 22L);
	}

	@Test
	void neverRefusesARepeatedRequestWhoseJobAlreadyExists() {
		String owner = "backlog-" + UUID.randomUUID();
		String token = api().tokenFor(owner);
		String key = UUID.randomUUID().toString();
		String job = aJob().withPhotos(10).toJson();
		Response first = api().postJob(token, job, "Idempotency-Key", key);
		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		openJob(owner, (int) CAP, 0, 1);

		Response repeat = api().postJob(token, job, "Idempotency-Key", key);
		Response fresh = api().postJob(token, job, "Idempotency-Key", UUID.randomUUID().toString());

		assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
		assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(repeat.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(429);
		assertThat(jobsOf(owner)).isEqualTo(2);
	}

	@Test
	void letsConcurrentSubmitsOfOneOwnerFillTheCapButNotPassIt() throws Exception {
		String owner = "backlog-" + UUID.randomUUID();
		String token = api().tokenFor(owner);
		openJob(owner, 296_000, 0, 1);
		String job = aJob().withPhotos(2_000).toJson();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService clients = Executors.newFixedThreadPool(6);
		List<Future<Response>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				answers.add(clients.submit(() -> {
					assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
					return api().postJob(token, job);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Response> answer : answers) {
				statuses.add(answer.get(120, TimeUnit.SECONDS).status());
			}

			assertThat(statuses).as("room for exactly two more jobs of 2,000").containsOnly(202, 429);
			assertThat(statuses).filteredOn((status) -> status == 202).hasSize(2);
			assertThat(jobsOf(owner)).isEqualTo(3);
		}
		finally {
			clients.shutdownNow();
		}
	}

	private UUID openJob(String owner, int totalPhotos, int written, int startedSecondsAgo) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, written, created_at)
				VALUES (?, ?, 1, 'RUNNING', ?, 1, ?, now() - ? * interval '1 second')""", id, owner, totalPhotos,
				written, startedSecondsAgo);
		return id;
	}

	private long jobsOf(String owner) {
		return this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Long.class, owner);
	}

}
