package io.sluice.api.job.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owners submitting at once to an API just started (a context of its own, so its
 * producers are new), with the production publish timeout: every job is queued, none
 * waits for a transactional producer of its own to start and runs out of its publish
 * budget (ADR 0037), and the API holds no more producers than its lanes: the one
 * configured and the express lane's; and a small job is not queued behind large ones.
 */
@TestPropertySource(properties = { "sluice.api.publish.timeout=10s", "sluice.api.publish.lanes=1",
		// jobs of the production size, so that a large one's transaction takes a while
		"sluice.api.jobs.max-photos=100000", "sluice.api.jobs.chunk-size=500", "sluice.api.jobs.max-body-size=16MB",
		"sluice.api.limits.max-body-bytes-in-flight=256MB" })
class ConcurrentSubmitsIntegrationTests extends ApiIntegrationTest {

	private static final int OWNERS = 16;

	private static final int LARGE_JOBS = 6;

	/** A job of the largest size: 200 chunks, a transaction of its own. */
	private static final int LARGE_JOB_PHOTOS = 100_000;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void queuesEveryJobOfOwnersSubmittingAtOnceOnAFreshApi() throws Exception {
		String run = Long.toHexString(System.nanoTime());
		ExecutorService owners = Executors.newFixedThreadPool(OWNERS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> answers = new ArrayList<>();
			for (int owner = 0; owner < OWNERS; owner++) {
				String token = api().tokenFor("concurrent-" + run + "-" + owner);
				String body = aJob().withPhotos(1).toJson();
				answers.add(owners.submit(() -> {
					start.await();
					return api().postJob(token, body);
				}));
			}
			start.countDown();
			List<UUID> jobs = new ArrayList<>();
			for (Future<Response> answer : answers) {
				Response response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.toString()).isEqualTo(202);
				jobs.add(UUID.fromString(response.json().get("id").asString()));
			}
			for (UUID job : jobs) {
				assertThat(this.jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, job))
					.as("job %s", job)
					.isIn("QUEUED", "RUNNING", "COMPLETED");
			}
		}
		finally {
			owners.shutdownNow();
		}
		assertThat(producers()).as("transactional producers of this API").hasSize(2);
	}

	/**
	 * With the one general lane busy publishing large jobs and more of them waiting for
	 * it, a one-photo job goes on the lane kept for small jobs (ADR 0037): it is queued
	 * before the last of the large jobs that were waiting when it came, where one lane
	 * for all would have published it after every one of them.
	 */
	@Test
	void queuesASmallJobBeforeLargeJobsThatWaitForTheirLane() throws Exception {
		String run = Long.toHexString(System.nanoTime());
		String largeOwners = "large-" + run + "-%";
		ExecutorService large = Executors.newFixedThreadPool(LARGE_JOBS);
		try {
			List<Future<Response>> largeAnswers = new ArrayList<>();
			for (int owner = 0; owner < LARGE_JOBS; owner++) {
				String token = api().tokenFor("large-" + run + "-" + owner);
				String body = aJob().withPhotos(LARGE_JOB_PHOTOS).toJson();
				largeAnswers.add(large.submit(() -> api().postJob(token, body)));
			}
			List<UUID> waiting = await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> pendingJobsOf(largeOwners), (pending) -> pending.size() >= 2);

			Response small = api().postJob(api().tokenFor("small-" + run), aJob().withPhotos(1).toJson());

			assertThat(small.status()).as(small.toString()).isEqualTo(202);
			for (Future<Response> answer : largeAnswers) {
				Response response = answer.get(2, TimeUnit.MINUTES);
				assertThat(response.status()).as(response.toString()).isEqualTo(202);
			}
			assertThat(jobsOf(largeOwners, "QUEUED")).isEqualTo(LARGE_JOBS);
			assertThat(this.jdbc.queryForObject("""
					SELECT (SELECT updated_at FROM import_job WHERE id = ?::uuid)
					     < (SELECT max(updated_at) FROM import_job WHERE id = ANY (?::uuid[]))
					""", Boolean.class, small.json().get("id").asString(), waiting.toArray(UUID[]::new)))
				.as("the small job queued before the last of the large jobs waiting when it came")
				.isTrue();
		}
		finally {
			large.shutdownNow();
		}
	}

	private List<UUID> pendingJobsOf(String ownerPattern) {
		return this.jdbc.queryForList("SELECT id FROM import_job WHERE owner LIKE ? AND status = 'PENDING'", UUID.class,
				ownerPattern);
	}

	private int jobsOf(String ownerPattern, String status) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner LIKE ? AND status = ?",
				Integer.class, ownerPattern, status);
		return (count != null) ? count : 0;
	}

	private Set<String> producers() {
		return this.meters.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("kafka.producer"))
			.map((meter) -> meter.getId().getTag("client.id"))
			.filter((clientId) -> clientId != null)
			.collect(Collectors.toSet());
	}

}
