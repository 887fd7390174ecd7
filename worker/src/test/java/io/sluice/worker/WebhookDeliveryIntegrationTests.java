package io.sluice.worker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.reconcile.TestReconciler;
import io.sluice.worker.webhook.WebhookReceiver;
import io.sluice.worker.webhook.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.sluice.worker.TestJob.aJob;
import static io.sluice.worker.reconcile.TestReconciler.PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end in the worker (ADR 0041): jobs with a callback end by the worker's
 * roll-up or the reconciler's verdict, and the worker's own sender delivers their final
 * views, signed, to a real HTTP receiver on this machine, retrying until it takes them.
 */
class WebhookDeliveryIntegrationTests extends WorkerIntegrationTest {

	private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());

	private final WebhookReceiver receiver = WebhookReceiver.start();

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void deliversTheFinalViewSignedRetryingUntilTheReceiverTakesIt() {
		this.receiver.answering(500, 503);
		double deliveredBefore = attempts("delivered");
		double retriedBefore = attempts("retried");
		TestJob job = queued(aJob().withPhotos(250).inChunksOf(100).build());
		String url = this.receiver.url("/hooks/sluice");
		withCallback(job.id(), url);
		this.kafka.publishAll(job);

		awaitFinished(job.id());
		await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(delivery(job.id()).get("state")));

		Map<String, Object> delivery = delivery(job.id());
		assertThat(delivery).containsEntry("attempts", 3)
			.containsEntry("last_status", 200)
			.containsEntry("last_error", null)
			.containsEntry("same_transaction", true);
		List<Received> requests = this.receiver.received();
		assertThat(requests).hasSize(3).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.target()).isEqualTo("/hooks/sluice");
			assertThat(request.header("Content-Type")).isEqualTo("application/json");
			assertThat(request.header("Sluice-Delivery")).as("the same id on every attempt")
				.isEqualTo(delivery.get("id").toString());
			assertSignedWithTheSecret(request);
			assertThat(request.body()).isEqualTo(requests.get(0).body());
		});
		JsonNode view = JsonMapper.builder().build().readTree(requests.get(0).body());
		assertThat(view.get("id").asString()).isEqualTo(job.id().toString());
		assertThat(view.get("albumId").asLong()).isEqualTo(job.albumId());
		assertThat(view.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(view.get("photos").toString())
			.isEqualTo("{\"total\":250,\"written\":250,\"duplicate\":0,\"failed\":0,\"cancelled\":0}");
		assertThat(view.get("etaSeconds").asInt()).isZero();
		assertThat(view.get("finishedAt").isNull()).isFalse();
		assertThat(view.has("callback")).isFalse();
		assertThat(attempts("delivered") - deliveredBefore).isEqualTo(1);
		assertThat(attempts("retried") - retriedBefore).isEqualTo(2);
	}

	@Test
	void deliversTheVerdictOfTheReconciler() {
		UUID job = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, created_at, updated_at,
				                        callback_url)
				VALUES (?, ?, 1, 'PENDING', 2, 1, now() - interval '1 hour', now() - interval '1 hour', ?)
				""", job, TestJob.OWNER, this.receiver.url("/verdicts"));
		TestReconciler reconciler = TestReconciler.on(this.database.dataSource(),
				TestInfrastructure.shared().bootstrapServers(), TestKafka.WORKER_GROUP);
		reconciler.watchJustShortOf(PROPERTIES.pendingTimeout());
		reconciler.watchFor(PROPERTIES.interval());

		assertThat(this.database.job(job).status()).isEqualTo("FAILED");
		await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(delivery(job).get("state")));
		assertThat(delivery(job)).containsEntry("attempts", 1).containsEntry("same_transaction", true);
		JsonNode view = JsonMapper.builder().build().readTree(this.receiver.received().get(0).body());
		assertThat(view.get("status").asString()).isEqualTo("FAILED");
		assertThat(view.get("failureReason").asString())
			.isEqualTo("Publishing never completed: the job stayed PENDING with no chunk arriving for 1m");
	}

	@Test
	void deliversAJobWhoseSenderDiedAfterClaimingItOnceTheClaimLapses() {
		TestJob job = queued(aJob().withPhotos(3).build());
		withCallback(job.id(), this.receiver.url("/late"));
		// the job fails and a sender claims its delivery in the same moment, then dies:
		// nothing is sent until the claim lapses, then another sender takes it
		inOneTransaction(() -> {
			this.jdbc.update("""
					UPDATE import_job SET status = 'FAILED', failure_reason = 'Ended by the test', finished_at = now(),
					       failed = total_photos
					WHERE id = ?""", job.id());
			this.jdbc.update("UPDATE webhook_delivery SET next_attempt_at = clock_timestamp() + interval '2 seconds' "
					+ "WHERE job_id = ?", job.id());
		});

		await().during(Duration.ofMillis(1_500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.receiver.received().isEmpty());
		await().atMost(DELIVERY_TIMEOUT).until(() -> "DELIVERED".equals(delivery(job.id()).get("state")));
		assertThat(this.receiver.received()).hasSize(1);
		assertThat(delivery(job.id())).containsEntry("attempts", 1).containsEntry("same_transaction", true);
	}

	@Test
	void givesADeliveryUpOnceItIsOlderThanMaxAge() {
		this.receiver.answering(503, 503, 503);
		double failedBefore = attempts("failed");
		TestJob job = queued(aJob().withPhotos(3).build());
		withCallback(job.id(), this.receiver.url("/down"));
		// ended long ago, while no worker could send: the first failed attempt is the
		// last
		inOneTransaction(() -> {
			this.jdbc.update("UPDATE import_job SET status = 'CANCELLED', cancelled = total_photos, "
					+ "finished_at = now() WHERE id = ?", job.id());
			this.jdbc.update("UPDATE webhook_delivery SET created_at = clock_timestamp() - interval '59.9 seconds' "
					+ "WHERE job_id = ?", job.id());
		});

		await().atMost(DELIVERY_TIMEOUT).until(() -> "FAILED".equals(delivery(job.id()).get("state")));

		assertThat(delivery(job.id())).containsEntry("attempts", 1)
			.containsEntry("last_status", 503)
			.containsEntry("last_error", "answered 503, not 2xx")
			.containsEntry("finished", true);
		assertThat(this.receiver.received()).hasSize(1);
		assertThat(attempts("failed") - failedBefore).isEqualTo(1);
	}

	@Test
	void sendsNothingForAJobWithoutCallback() {
		TestJob job = queued(aJob().withPhotos(3).build());
		this.kafka.publishAll(job);

		awaitFinished(job.id());

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE job_id = ?", Integer.class,
				job.id()))
			.isZero();
	}

	private void inOneTransaction(Runnable statements) {
		new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()))
			.executeWithoutResult((status) -> statements.run());
	}

	private void withCallback(UUID jobId, String url) {
		this.jdbc.update("UPDATE import_job SET callback_url = ? WHERE id = ?", url, jobId);
	}

	/**
	 * The job's one delivery, and whether it was written by the transaction that wrote
	 * the job's row last (the one that ended it).
	 */
	private Map<String, Object> delivery(UUID jobId) {
		return this.jdbc.queryForMap("""
				SELECT d.id, d.state, d.attempts, d.last_status, d.last_error, d.finished_at IS NOT NULL AS finished,
				       d.created_xact::text::numeric % 4294967296 = j.xmin::text::numeric AS same_transaction
				FROM webhook_delivery d JOIN import_job j ON j.id = d.job_id
				WHERE d.job_id = ?""", jobId);
	}

	private double attempts(String outcome) {
		return this.meters.get("sluice.webhook.deliveries").tag("outcome", outcome).counter().count();
	}

	/** Checks the signature as a receiver would, with its own HMAC. */
	private static void assertSignedWithTheSecret(Received request) {
		Matcher signature = SIGNATURE.matcher(request.header("Sluice-Signature"));
		assertThat(signature.matches()).as(request.header("Sluice-Signature")).isTrue();
		long timestamp = Long.parseLong(signature.group(1));
		assertThat(Duration.between(Instant.ofEpochSecond(timestamp), Instant.now()).abs())
			.isLessThan(Duration.ofMinutes(1));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8));
			assertThat(signature.group(2)).isEqualTo(HexFormat.of().formatHex(expected));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
