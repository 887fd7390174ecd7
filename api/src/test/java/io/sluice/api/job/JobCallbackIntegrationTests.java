package io.sluice.api.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.JobRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's callback as the API sees it (ADR 0041): shown in the job's view, part of the
 * idempotent request, and its delivery recorded in the transaction of each statement of
 * the API that ends a job. What a callback may not point at is
 * {@code Api7ServerSideRequestForgeryIntegrationTests}. No worker runs here: the test
 * moves a delivery as the worker's sender would.
 */
class JobCallbackIntegrationTests extends ApiIntegrationTest {

	/** A public name: it does not resolve here, which the API accepts. */
	private static final String RECEIVER = "https://hooks.example.com/sluice";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JobRepository jobs;

	@Test
	void refusesACallbackThatIsNoObjectAsMalformed() {
		String json = "{\"albumId\": 5, \"photos\": [{\"url\": \"https://cdn.example.com/a.jpg\"}], \"callback\": \""
				+ RECEIVER + "\"}";
		JsonNode problem = assertProblem(api().postJob(api().tokenFor("callback-malformed"), json), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:malformed-body");
	}

	@Test
	void showsTheCallbackAndRecordsItsDeliveryWhenTheJobIsCancelled() {
		String token = api().tokenFor("callback-owner-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(120).withCallback(RECEIVER).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		assertThat(created.json().get("callback")).isEqualTo(callback(RECEIVER, "WAITING", 0, null));
		UUID id = UUID.fromString(created.json().get("id").asString());
		assertThat(deliveries(id)).as("no delivery while the job is open").isZero();

		JsonNode cancelled = api().delete(created.header("Location"), token).json();

		assertThat(cancelled.get("callback")).isEqualTo(callback(RECEIVER, "PENDING", 0, null));
		assertDeliveryRecordedWithTheEnd(id);
		Response fetched = api().get(created.header("Location"), token);
		assertThat(fetched.json().get("callback")).isEqualTo(callback(RECEIVER, "PENDING", 0, null));
		JsonNode payload = JSON.readTree(
				this.jdbc.queryForObject("SELECT payload FROM webhook_delivery WHERE job_id = ?", String.class, id));
		ObjectNode viewWithoutCallback = (ObjectNode) fetched.json().deepCopy();
		viewWithoutCallback.remove("callback");
		assertThat(payload).as("the delivered payload is the job's final view").isEqualTo(viewWithoutCallback);

		// as the worker's sender records two failed attempts and a delivered one
		this.jdbc.update("UPDATE webhook_delivery SET attempts = 3, last_status = 200, state = 'DELIVERED', "
				+ "updated_at = clock_timestamp() WHERE job_id = ?", id);

		// a polled job may be answered from the poller's read, at most two ticks old (ADR
		// 0039)
		Response afterDelivery = await().atMost(WAIT)
			.until(() -> api().get(created.header("Location"), token, "If-None-Match", fetched.header("ETag")),
					(response) -> response.status() != 304);
		assertThat(afterDelivery.status()).as("a new view, not a 304").isEqualTo(200);
		assertThat(afterDelivery.header("ETag")).isNotEqualTo(fetched.header("ETag"));
		assertThat(afterDelivery.json().get("callback")).isEqualTo(callback(RECEIVER, "DELIVERED", 3, 200));
		assertThat(afterDelivery.json().get("updatedAt")).isEqualTo(fetched.json().get("updatedAt"));
		assertThat(api().get(created.header("Location"), token, "If-None-Match", afterDelivery.header("ETag")).status())
			.isEqualTo(304);
	}

	@Test
	void leavesAJobWithoutCallbackAsItWas() {
		String token = api().tokenFor("callback-none-" + UUID.randomUUID());
		Response created = api().postJob(token, aJob().withPhotos(3).toJson());
		UUID id = UUID.fromString(created.json().get("id").asString());

		JsonNode cancelled = api().delete(created.header("Location"), token).json();

		assertThat(created.json().has("callback")).isFalse();
		assertThat(cancelled.has("callback")).isFalse();
		assertThat(api().get(created.header("Location"), token).json().has("callback")).isFalse();
		assertThat(deliveries(id)).isZero();
	}

	@Test
	void recordsTheDeliveryWhenThePublishFails() {
		String owner = "callback-publish-" + UUID.randomUUID();
		UUID id = UUID.randomUUID();
		this.jobs.insertPending(id, owner, 7L, 120, 2, null, null, RECEIVER).orElseThrow();

		Job failed = this.jobs.markFailed(id, "Kafka did not answer").orElseThrow();

		assertThat(failed.callback())
			.isEqualTo(new JobCallback(RECEIVER, JobCallback.CallbackState.PENDING, 0, null, null, null));
		assertDeliveryRecordedWithTheEnd(id);
	}

	@Test
	void recordsTheDeliveriesWhenAnAlbumHandOverCancelsJobs() {
		long album = 900_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xffffff);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		this.jobs.insertPending(first, "callback-loser", album, 10, 1, null, null, RECEIVER).orElseThrow();
		this.jobs.insertPending(second, "callback-loser", album, 10, 1, null, null, null).orElseThrow();
		this.jdbc.update("INSERT INTO album_owner (album_id, owner) VALUES (?, 'callback-winner')", album);

		List<UUID> cancelled = this.jobs.cancelBarredFromAlbum(album, "The album changed hands");

		assertThat(cancelled).containsExactlyInAnyOrder(first, second);
		assertDeliveryRecordedWithTheEnd(first);
		assertThat(deliveries(second)).isZero();
	}

	@Test
	void answers422ForTheSameKeyWithAnotherCallback() {
		String token = api().tokenFor("callback-key-" + UUID.randomUUID());
		JobRequests job = aJob().withPhotos(2).withCallback(RECEIVER);
		Response first = api().postJob(token, job.toJson(), "Idempotency-Key", "callback-key-1");

		Response same = api().postJob(token, job.toJson(), "Idempotency-Key", "callback-key-1");
		Response other = api().postJob(token, job.withCallback(RECEIVER + "/other").toJson(), "Idempotency-Key",
				"callback-key-1");
		Response none = api().postJob(token, job.withCallback(null).toJson(), "Idempotency-Key", "callback-key-1");

		assertThat(same.status()).as(same.toString()).isEqualTo(202);
		assertThat(same.json().get("id")).isEqualTo(first.json().get("id"));
		assertThat(same.json().get("callback")).isEqualTo(callback(RECEIVER, "WAITING", 0, null));
		assertThat(assertProblem(other, 422).get("type").asString())
			.isEqualTo("urn:sluice:problem:idempotency-key-reused");
		assertProblem(none, 422);
	}

	private int deliveries(UUID jobId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE job_id = ?", Integer.class, jobId);
	}

	/**
	 * One delivery of the job, pending, written by the transaction that ended the job:
	 * the delivery row and the job's row were written by one transaction id.
	 */
	private void assertDeliveryRecordedWithTheEnd(UUID jobId) {
		Map<String, Object> delivery = this.jdbc.queryForMap(
				"""
						SELECT d.url, d.state, d.attempts, d.created_xact::text::numeric % 4294967296 = j.xmin::text::numeric AS same_transaction
						FROM webhook_delivery d JOIN import_job j ON j.id = d.job_id
						WHERE d.job_id = ?""",
				jobId);
		assertThat(delivery).containsEntry("url", RECEIVER)
			.containsEntry("state", "PENDING")
			.containsEntry("attempts", 0)
			.containsEntry("same_transaction", true);
	}

	private static JsonNode callback(String url, String state, int attempts, Integer lastStatus) {
		ObjectNode callback = JSON.createObjectNode();
		callback.put("url", url);
		callback.put("state", state);
		callback.put("attempts", attempts);
		if (lastStatus != null) {
			callback.put("lastStatus", lastStatus);
		}
		else {
			callback.putNull("lastStatus");
		}
		callback.putNull("lastError");
		return callback;
	}

}
