package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.JobRequests;
import io.sluice.common.chunk.PhotoChunk;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static io.sluice.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Albums belong to their owner (ADR 0032): the first job for an album claims it, a job of
 * anyone else for it is refused with 403 and leaves no trace, and of many concurrent
 * first jobs from two owners exactly one owner wins.
 */
class AlbumOwnershipIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theFirstJobClaimsTheAlbumForItsOwner() {
		String alice = owner("alice");
		JobRequests first = aJob().withPhotos(3);

		assertThat(api().postJob(api().tokenFor(alice), first.toJson()).status()).isEqualTo(202);
		Response again = api().postJob(api().tokenFor(alice), aJob().inAlbum(first.albumId()).withPhotos(3).toJson());

		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(ownerOf(first.albumId())).isEqualTo(alice);
	}

	@Test
	void refusesAnotherOwnersJobAndStoresNothingOfIt() {
		String alice = owner("alice");
		String bob = owner("bob");
		long album = claimedBy(alice);
		String key = "album-" + UUID.randomUUID();

		Response refused = api().postJob(api().tokenFor(bob), aJob().inAlbum(album).withPhotos(150).toJson(),
				"Idempotency-Key", key);

		JsonNode problem = assertProblem(refused, 403);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:album-forbidden");
		assertThat(problem.get("title").asString()).isEqualTo("Album forbidden");
		assertThat(problem.get("detail").asString()).contains("album " + album).contains("Nothing was stored");
		assertThat(problem.get("albumId").asLong()).isEqualTo(album);
		assertThat(refused.body()).doesNotContain(alice);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Integer.class, bob))
			.as("jobs of the refused owner")
			.isZero();
		assertThat(ChunkTopic.committedChunksOfAlbum(album)).extracting(PhotoChunk::owner).doesNotContain(bob);
		assertThat(ownerOf(album)).isEqualTo(alice);
		Response keyFree = api().postJob(api().tokenFor(bob), aJob().withPhotos(2).toJson(), "Idempotency-Key", key);
		assertThat(keyFree.status()).as("the refused request's key holds no job: " + keyFree).isEqualTo(202);
		assertThat(keyFree.header("Idempotent-Replayed")).isNull();
	}

	@Test
	void answersEveryRefusalAlikeWhoeverOwnsTheAlbumAndWhateverItHolds() {
		String bob = owner("bob");
		long ofAlice = claimedBy(owner("alice"));
		long ofCarol = claimedBy(owner("carol"));
		long withPhotos = claimedBy(owner("dave"));
		this.jdbc.update("INSERT INTO photo (album_id, url_hash, url, job_id) VALUES (?, ?, ?, ?)", withPhotos,
				UUID.randomUUID(), "https://cdn.example.com/held.jpg", UUID.randomUUID());

		List<JsonNode> refusals = new ArrayList<>();
		for (long album : new long[] { ofAlice, ofCarol, withPhotos }) {
			JsonNode problem = assertProblem(
					api().postJob(api().tokenFor(bob), aJob().inAlbum(album).withPhotos(5).toJson()), 403);
			refusals.add(withoutAlbum(problem, album));
		}

		assertThat(refusals).allSatisfy((problem) -> assertThat(problem).isEqualTo(refusals.get(0)));
	}

	@Test
	void exactlyOneOfManyConcurrentFirstOwnersWinsAndTheOtherStoresNothing() throws Exception {
		String alice = owner("alice");
		String bob = owner("bob");
		long album = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		int perOwner = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService submitters = Executors.newFixedThreadPool(2 * perOwner);
		List<Future<Response>> alices = new ArrayList<>();
		List<Future<Response>> bobs = new ArrayList<>();
		try {
			for (int i = 0; i < perOwner; i++) {
				alices.add(submitters.submit(() -> submitAfter(start, alice, album)));
				bobs.add(submitters.submit(() -> submitAfter(start, bob, album)));
			}
			start.countDown();
			List<Integer> alicesStatuses = statuses(alices);
			List<Integer> bobsStatuses = statuses(bobs);

			String winner = ownerOf(album);
			List<Integer> won = winner.equals(alice) ? alicesStatuses : bobsStatuses;
			List<Integer> lost = winner.equals(alice) ? bobsStatuses : alicesStatuses;
			String loser = winner.equals(alice) ? bob : alice;
			assertThat(won).as("the winner's answers").containsOnly(202);
			assertThat(lost).as("the loser's answers").containsOnly(403);
			assertThat(this.jdbc.queryForList("SELECT DISTINCT owner FROM import_job WHERE album_id = ?", String.class,
					album))
				.containsExactly(winner);
			assertThat(
					this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Integer.class, loser))
				.isZero();
			assertThat(ChunkTopic.committedChunksOfAlbum(album)).extracting(PhotoChunk::owner).containsOnly(winner);
		}
		finally {
			submitters.shutdownNow();
		}
	}

	private Response submitAfter(CountDownLatch start, String owner, long album) throws InterruptedException {
		assertThat(start.await(1, TimeUnit.MINUTES)).isTrue();
		return api().postJob(api().tokenFor(owner), aJob().inAlbum(album).withPhotos(2).toJson());
	}

	private static List<Integer> statuses(List<Future<Response>> responses) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (Future<Response> response : responses) {
			statuses.add(response.get(2, TimeUnit.MINUTES).status());
		}
		return statuses;
	}

	private long claimedBy(String owner) {
		JobRequests job = aJob().withPhotos(1);
		Response claimed = api().postJob(api().tokenFor(owner), job.toJson());
		assertThat(claimed.status()).as(claimed.toString()).isEqualTo(202);
		return job.albumId();
	}

	private String ownerOf(long album) {
		return this.jdbc.queryForObject("SELECT owner FROM album_owner WHERE album_id = ?", String.class, album);
	}

	/** The problem with the album id it names taken out, to compare refusals. */
	private static JsonNode withoutAlbum(JsonNode problem, long album) {
		ObjectNode copy = (ObjectNode) problem.deepCopy();
		copy.remove("albumId");
		copy.put("detail", copy.get("detail").asString().replace(Long.toString(album), "ALBUM"));
		return copy;
	}

	private static String owner(String name) {
		return name + "-" + UUID.randomUUID();
	}

}
