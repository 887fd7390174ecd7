package io.sluice.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sluice.faults.FaultClient.Answer;

/**
 * Jobs submitted one after another on a thread of their own, each to a new album, so a
 * fault injected meanwhile lands while some are being accepted and others written. A
 * submission the API cannot take now (503, no answer) is retried with the same
 * {@code Idempotency-Key}, as a client should.
 */
final class Workload {

	private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

	private static final int MAX_ATTEMPTS = 120;

	private final FaultClient client;

	private final List<Job> accepted = Collections.synchronizedList(new ArrayList<>());

	private CompletableFuture<Void> running;

	Workload(FaultClient client) {
		this.client = client;
	}

	/**
	 * Plans jobs, each to an album of its own.
	 * @param random where the albums and poison indexes come from
	 * @param jobs how many jobs
	 * @param photos photos per job
	 * @param poisoned whether each job carries one poison photo, at a random index
	 * @return the jobs, not yet submitted
	 */
	static List<Job> plan(Random random, int jobs, int photos, boolean poisoned) {
		List<Job> planned = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			planned.add(new Job(1 + random.nextInt(1_000_000_000), photos,
					poisoned ? random.nextInt(photos) : Job.NO_POISON, Job.NO_FAILED_CHUNK,
					UUID.randomUUID().toString(), null));
		}
		return planned;
	}

	/**
	 * Starts submitting.
	 * @param planned the jobs, from {@link #plan}
	 * @param gap pause before each submission
	 * @return this workload
	 */
	Workload start(List<Job> planned, Duration gap) {
		CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
		for (Job job : planned) {
			chain = chain
				.thenComposeAsync((previous) -> submit(job, body(job.albumId(), job.photos(), job.poisonIndex()), 1),
						CompletableFuture.delayedExecutor(gap.toMillis(), TimeUnit.MILLISECONDS))
				.thenAccept(this.accepted::add);
		}
		this.running = chain;
		return this;
	}

	/** Waits until every job is accepted; returns them. */
	List<Job> awaitAccepted() {
		this.running.join();
		return List.copyOf(this.accepted);
	}

	/** The jobs accepted so far. */
	List<Job> acceptedSoFar() {
		synchronized (this.accepted) {
			return List.copyOf(this.accepted);
		}
	}

	/** Whether every job has been accepted. */
	boolean allAccepted() {
		return this.running.isDone();
	}

	/** One attempt now; on 503 or no answer, another after a pause, by the same key. */
	private CompletableFuture<Job> submit(Job job, byte[] body, int attempt) {
		Answer answer = this.client.submit(body, job.idempotencyKey());
		if (answer.status() == 202) {
			return CompletableFuture.completedFuture(job.withId(answer.jobId()));
		}
		if (answer.status() != 0 && answer.status() != 503) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("The API answered " + answer.status() + " to a valid job"));
		}
		if (attempt >= MAX_ATTEMPTS) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"The API did not accept job " + job.idempotencyKey() + " in " + MAX_ATTEMPTS + " attempts"));
		}
		return CompletableFuture
			.supplyAsync(() -> body, CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS))
			.thenCompose((again) -> submit(job, again, attempt + 1));
	}

	static byte[] body(long albumId, int photos) {
		return body(albumId, photos, Job.NO_POISON);
	}

	/**
	 * A job's request body: photo {@code i} at {@code .../faults/<album>/<i>.jpg}, except
	 * the poison photo, under {@code .../faults/poison/...} (see
	 * {@link FaultStack#rejectPoisonPhotos()}).
	 */
	static byte[] body(long albumId, int photos, int poisonIndex) {
		StringBuilder json = new StringBuilder(photos * 90).append("{\"albumId\":")
			.append(albumId)
			.append(",\"photos\":[");
		for (int i = 0; i < photos; i++) {
			json.append((i == 0) ? "" : ",")
				.append("{\"url\":\"https://img.example/faults/")
				.append((i == poisonIndex) ? "poison/" : "")
				.append(albumId)
				.append('/')
				.append(i)
				.append(".jpg\",\"caption\":\"Photo ")
				.append(i)
				.append("\"}");
		}
		return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One job of the workload.
	 *
	 * @param albumId its own album: the photos expected there are exactly its own
	 * @param photos how many photos it holds
	 * @param poisonIndex the index of its one photo the database rejects, or
	 * {@link #NO_POISON}
	 * @param failedChunk the index of its one chunk the database refuses for good, not
	 * for any photo's sake, so that it is dead-lettered and recorded {@code FAILED}; or
	 * {@link #NO_FAILED_CHUNK}
	 * @param idempotencyKey the key every attempt to submit it carries
	 * @param id the job the API accepted, {@code null} until then
	 */
	record Job(long albumId, int photos, int poisonIndex, int failedChunk, String idempotencyKey, UUID id) {

		static final int NO_POISON = -1;

		static final int NO_FAILED_CHUNK = -1;

		/**
		 * Photos per chunk: the API's default chunk size (the suite's photos are small,
		 * so its 1 MiB bound never cuts a chunk first).
		 */
		static final int CHUNK_PHOTOS = 500;

		Job {
			if (poisonIndex != NO_POISON && failedChunk != NO_FAILED_CHUNK) {
				throw new IllegalArgumentException("A job has a poison photo or a failed chunk, not both");
			}
		}

		/** A job with no poison photo and no failed chunk. */
		Job(long albumId, int photos, String idempotencyKey, UUID id) {
			this(albumId, photos, NO_POISON, NO_FAILED_CHUNK, idempotencyKey, id);
		}

		Job withId(UUID accepted) {
			return new Job(this.albumId, this.photos, this.poisonIndex, this.failedChunk, this.idempotencyKey,
					accepted);
		}

		/** This job with chunk {@code chunkIndex} to be refused for good. */
		Job withFailedChunk(int chunkIndex) {
			return new Job(this.albumId, this.photos, this.poisonIndex, chunkIndex, this.idempotencyKey, this.id);
		}

		/** How many chunks the API cuts it into. */
		int chunks() {
			return (this.photos + CHUNK_PHOTOS - 1) / CHUNK_PHOTOS;
		}

		boolean poisoned() {
			return this.poisonIndex != NO_POISON;
		}

		boolean hasFailedChunk() {
			return this.failedChunk != NO_FAILED_CHUNK;
		}

		/** The dead-letter record's key of its failed chunk (a chunk's record key). */
		String failedChunkKey() {
			return this.id + ":" + this.failedChunk;
		}

		/** Photos counted failed when it ends: the poison one, or the failed chunk's. */
		int expectedFailed() {
			if (hasFailedChunk()) {
				return Math.min(CHUNK_PHOTOS, this.photos - this.failedChunk * CHUNK_PHOTOS);
			}
			return poisoned() ? 1 : 0;
		}

		/** Photos that must land in the album: all but those counted failed. */
		int expectedRows() {
			return this.photos - expectedFailed();
		}

		/** The status it must end with. */
		String expectedStatus() {
			return (expectedFailed() > 0) ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
		}

	}

}
