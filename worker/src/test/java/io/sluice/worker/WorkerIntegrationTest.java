package io.sluice.worker;

import java.time.Duration;
import java.util.UUID;

import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.TestDatabase.JobRow;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * A running worker on the shared real PostgreSQL and Kafka, with the tests' own database
 * and broker clients. Every subclass shares one application context; the retry budget and
 * lock timeout are small so that outage tests take seconds, not minutes. Webhooks may go
 * to this machine and are retried within a second. The actuator has a random port of its
 * own, as the probes and Prometheus find it in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
abstract class WorkerIntegrationTest {

	static final int CONCURRENCY = 2;

	/** Every test context still cached holds its lease in the shared database. */
	static final int FLEET_BUDGET = 1000;

	static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

	static final String LOCK_TIMEOUT = "500ms";

	/** The key receivers check webhook signatures with. */
	static final String WEBHOOK_SECRET = "worker-tests-webhook-secret-0123456789";

	final TestDatabase database = TestDatabase.on(TestInfrastructure.shared());

	final TestKafka kafka = TestKafka.on(TestInfrastructure.shared());

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("sluice.worker.concurrency", () -> CONCURRENCY);
		registry.add("sluice.db.connection-budget", () -> FLEET_BUDGET);
		registry.add("sluice.worker.retry.max-attempts", () -> 3);
		registry.add("sluice.worker.retry.initial-interval", () -> "50ms");
		registry.add("sluice.worker.retry.redelivery-max-interval", () -> "2s");
		registry.add("sluice.worker.db.lock-timeout", () -> LOCK_TIMEOUT);
		// webhooks to receivers on this machine, retried quickly
		registry.add("sluice.webhook.secret", () -> WEBHOOK_SECRET);
		registry.add("sluice.webhook.allow-private", () -> true);
		registry.add("sluice.webhook.initial-backoff", () -> "200ms");
		registry.add("sluice.webhook.max-backoff", () -> "400ms");
		registry.add("sluice.webhook.poll-interval", () -> "100ms");
		registry.add("sluice.webhook.read-timeout", () -> "2s");
		registry.add("sluice.webhook.max-age", () -> "1m");
	}

	/** Creates the job's row as the API does once its chunks are published. */
	TestJob queued(TestJob job) {
		this.database.insertQueued(job);
		return job;
	}

	JobRow awaitFinished(UUID jobId) {
		await().atMost(JOB_TIMEOUT).until(() -> this.database.job(jobId).finished());
		return this.database.job(jobId);
	}

}
