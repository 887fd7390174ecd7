package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.JobRequests;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import io.sluice.common.chunk.PhotoChunk;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class JobIdempotencyIntegrationTests extends ApiIntegrationTest {

	private static final String KEY = "Idempotency-Key";

	private static final String REPLAYED = "Idempotent-Replayed";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void answersTheSameJobForTheSameKeyAndBody() {
		String token = api().tokenFor("ida");
		String key = newKey();
		JobRequests job = aJob().withPhotos(250);

		Response first = api().postJob(token, job.toJson(), KEY, key);
		Response again = api().postJob(token, sameContentOtherLayout(job), KEY, key);

		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		assertThat(first.header(REPLAYED)).isNull();
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(again.header(REPLAYED)).isEqualTo("true");
		assertThat(again.header("Location")).isEqualTo(first.header("Location"));
		assertThat(again.header("Retry-After")).isEqualTo(first.header("Retry-After"));
		UUID id = idOf(first);
		assertThat(idOf(again)).isEqualTo(id);
		assertThat(again.json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(again.json().get("createdAt").asString()).isEqualTo(first.json().get("createdAt").asString());
		assertThat(jobsHolding("ida", key)).containsExactly(id);
		assertOneSetOfChunks(job.albumId(), id, 3);
	}

	@Test
	void answers422ForTheSameKeyWithADifferentBody() {
		String token = api().tokenFor("ida");
		String key = newKey();
		JobRequests job = aJob().withPhotos(150);
		UUID id = idOf(api().postJob(token, job.toJson(), KEY, key));
		job.photos().get(149).put("caption", "Changed");

		Response conflict = api().postJob(token, job.toJson(), KEY, key);

		assertThat(conflict.status()).as(conflict.toString()).isEqualTo(422);
		assertThat(conflict.contentType()).startsWith("application/problem+json");
		JsonNode problem = conflict.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:idempotency-key-reused");
		assertThat(problem.get("title").asString()).isEqualTo("Idempotency key reused");
		assertThat(problem.get("status").asInt()).isEqualTo(422);
		assertThat(problem.get("detail").asString()).contains(id.toString()).contains("different request");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/jobs");
		assertThat(problem.get("jobId").asString()).isEqualTo(id.toString());
		assertThat(problem.get("keyExpiresAt").asString()).isNotBlank();
		assertThat(jobsHolding("ida", key)).containsExactly(id);
		assertOneSetOfChunks(job.albumId(), id, 2);
	}

	/**
	 * The key changing hands in every round of its claim, as under concurrent requests
	 * with one key whose jobs keep failing: injected by a trigger that makes every insert
	 * of a job under this key vanish, so that the insert takes nothing and no job holds
	 * the key when it is looked for. A 409 that says to retry, never a 500, and nothing
	 * stored; once it stops, the same request makes its job.
	 */
	@Test
	void answers409WhenTheKeyChangesHandsAllTheWhileItIsClaimed() {
		String token = api().tokenFor("ida");
		String key = newKey();
		String body = aJob().withPhotos(5).toJson();
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION api_tests_drop_keyed_insert() RETURNS trigger AS $$
				BEGIN
				    RETURN NULL;
				END $$ LANGUAGE plpgsql""");
		this.jdbc.execute("CREATE TRIGGER api_tests_drop_keyed_insert BEFORE INSERT ON import_job FOR EACH ROW "
				+ "WHEN (NEW.idempotency_key = '" + key + "') EXECUTE FUNCTION api_tests_drop_keyed_insert()");
		Response busy;
		try {
			busy = api().postJob(token, body, KEY, key);
		}
		finally {
			this.jdbc.execute("DROP TRIGGER IF EXISTS api_tests_drop_keyed_insert ON import_job");
		}

		JsonNode problem = assertProblem(busy, 409);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:idempotency-key-busy");
		assertThat(problem.get("detail").asString()).contains("Nothing was stored");
		assertThat(busy.header("Retry-After")).isEqualTo("1");
		assertThat(jobsHolding("ida", key)).isEmpty();
		Response accepted = api().postJob(token, body, KEY, key);
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(jobsHolding("ida", key)).containsExactly(idOf(accepted));
	}

	@Test
	void keepsKeysApartPerOwner() {
		String key = newKey();

		// each in an album of their own: an album belongs to its first owner (ADR 0032)
		UUID alices = idOf(api().postJob(api().tokenFor("alice"), aJob().withPhotos(5).toJson(), KEY, key));
		UUID bobs = idOf(api().postJob(api().tokenFor("bob"), aJob().withPhotos(5).toJson(), KEY, key));

		assertThat(alices).isNotEqualTo(bobs);
		assertThat(jobsHolding("alice", key)).containsExactly(alices);
		assertThat(jobsHolding("bob", key)).containsExactly(bobs);
	}

	@Test
	void createsOneJobForTwentyConcurrentRequestsWithOneKey() throws Exception {
		String token = api().tokenFor("ida");
		String key = newKey();
		JobRequests job = aJob().withPhotos(1_050);
		String body = job.toJson();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService clients = Executors.newFixedThreadPool(20);
		List<Future<Response>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				answers.add(clients.submit(() -> {
					assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
					return api().postJob(token, body, KEY, key);
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> answer : answers) {
				responses.add(answer.get(120, TimeUnit.SECONDS));
			}

			assertThat(responses)
				.allSatisfy((response) -> assertThat(response.status()).as(response.toString()).isEqualTo(202));
			UUID id = idOf(responses.get(0));
			assertThat(responses).extracting(JobIdempotencyIntegrationTests::idOf).containsOnly(id);
			assertThat(responses).extracting((response) -> response.header("Location"))
				.containsOnly("/api/v1/jobs/" + id);
			assertThat(responses).filteredOn((response) -> response.header(REPLAYED) == null).hasSize(1);
			assertThat(jobsHolding("ida", key)).containsExactly(id);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE album_id = ?", Long.class,
					job.albumId()))
				.isOne();
			assertOneSetOfChunks(job.albumId(), id, 11);
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void makesANewJobOnceTheKeyHasExpired() {
		String token = api().tokenFor("ida");
		String key = newKey();
		String body = aJob().withPhotos(5).toJson();
		UUID expired = idOf(api().postJob(token, body, KEY, key));
		// the default time to live is 24 hours
		this.jdbc.update("UPDATE import_job SET created_at = created_at - interval '25 hours' WHERE id = ?", expired);

		Response renewed = api().postJob(token, body, KEY, key);
		Response replayed = api().postJob(token, body, KEY, key);

		assertThat(renewed.status()).as(renewed.toString()).isEqualTo(202);
		assertThat(renewed.header(REPLAYED)).isNull();
		UUID fresh = idOf(renewed);
		assertThat(fresh).isNotEqualTo(expired);
		assertThat(jobsHolding("ida", key)).containsExactly(fresh);
		assertThat(
				this.jdbc.queryForObject("SELECT idempotency_key FROM import_job WHERE id = ?", String.class, expired))
			.isNull();
		assertThat(replayed.header(REPLAYED)).isEqualTo("true");
		assertThat(idOf(replayed)).isEqualTo(fresh);
	}

	@Test
	void answersThePendingJobWhileItsFirstRequestIsStillPublishing() {
		String key = newKey();
		JobRequests job = aJob().withPhotos(3);
		UUID publishing = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, idempotency_key,
				                        request_hash)
				VALUES (?, 'ida', ?, 'PENDING', 3, 1, ?, ?)
				""", publishing, job.albumId(), key, JobRequestHash.of(requestOf(job)));

		Response duplicate = api().postJob(api().tokenFor("ida"), job.toJson(), KEY, key);

		assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(202);
		assertThat(duplicate.header(REPLAYED)).isEqualTo("true");
		assertThat(idOf(duplicate)).isEqualTo(publishing);
		assertThat(duplicate.json().get("status").asString()).isEqualTo("PENDING");
		assertThat(ChunkTopic.committedChunksOfAlbum(job.albumId())).isEmpty();
	}

	@Test
	void refusesAMalformedKeyNamingTheHeader() {
		String token = api().tokenFor("ida");
		JobRequests job = aJob().withPhotos(2);
		List<String[]> badKeys = List.of(new String[] { KEY, "" }, new String[] { KEY, "k".repeat(256) },
				new String[] { KEY, "tab\there" }, new String[] { KEY, "one", KEY, "two" });
		// (Java's HTTP client sends other control characters and non-ASCII not at all or
		// as
		// '?'; IdempotencyKeyTests covers them)

		for (String[] headers : badKeys) {
			Response response = api().postJob(token, job.toJson(), headers);

			assertThat(response.status()).as("%s: %s", Arrays.toString(headers), response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-request");
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(KEY);
			assertThat(problem.get("errors").get(0).get("message").asString()).isNotBlank();
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE album_id = ?", Long.class,
				job.albumId()))
			.isZero();
	}

	private List<UUID> jobsHolding(String owner, String key) {
		return this.jdbc.queryForList("SELECT id FROM import_job WHERE owner = ? AND idempotency_key = ?", UUID.class,
				owner, key);
	}

	private static void assertOneSetOfChunks(long albumId, UUID jobId, int chunkCount) {
		List<PhotoChunk> chunks = ChunkTopic.committedChunksOfAlbum(albumId);
		assertThat(chunks).extracting(PhotoChunk::jobId).containsOnly(jobId);
		assertThat(chunks).extracting(PhotoChunk::chunkIndex)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, chunkCount).boxed().toList());
	}

	/**
	 * The job's content with its properties the other way round and spaced.
	 */
	private static String sameContentOtherLayout(JobRequests job) {
		String photos = JsonMapper.builder().build().writeValueAsString(job.photos());
		return "{ \"photos\" : " + photos + ",\n  \"albumId\": " + job.albumId() + " }";
	}

	private static JobRequest requestOf(JobRequests job) {
		return new JobRequest(job.albumId(),
				job.photos()
					.stream()
					.map((photo) -> new PhotoRequest((String) photo.get("url"), (String) photo.get("caption")))
					.toList());
	}

	private static UUID idOf(Response response) {
		return UUID.fromString(response.json().get("id").asString());
	}

	private static String newKey() {
		return "test-" + UUID.randomUUID();
	}

}
