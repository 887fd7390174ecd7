package io.sluice.api.job.submit;

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

/**
 * Owners submitting at once to an API just started (a context of its own, so its
 * producers are new), with the production publish timeout: every job is queued, none
 * waits for a transactional producer of its own to start and runs out of its publish
 * budget (ADR 0037), and the API holds no more producers than its lanes: the one
 * configured and the express lane's.
 */
@TestPropertySource(properties = { "sluice.api.publish.timeout=10s", "sluice.api.publish.lanes=1" })
class ConcurrentSubmitsIntegrationTests extends ApiIntegrationTest {

	private static final int OWNERS = 16;

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

	private Set<String> producers() {
		return this.meters.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("kafka.producer"))
			.map((meter) -> meter.getId().getTag("client.id"))
			.filter((clientId) -> clientId != null)
			.collect(Collectors.toSet());
	}

}
