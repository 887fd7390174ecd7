package io.sluice.worker.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import io.sluice.worker.write.ChunkCounts;
import io.sluice.worker.write.ChunkOutcome;

/**
 * The worker's chunk meters, so that the intake code says only <em>what</em> happened:
 *
 * <ul>
 * <li>{@value #PHOTOS} (tag {@code outcome}: {@code written}, {@code duplicate},
 * {@code failed}, {@code cancelled}): photos accounted by this worker, counted when their
 * job's counters move, so a redelivered chunk is never counted twice;</li>
 * <li>{@value #CHUNK_WRITE} (tags {@code lane}: {@code main} or {@code express};
 * {@code outcome}: {@code written}, {@code skipped}, {@code failed}): one sample per call
 * to the chunk writer, that is one per transaction attempt: a poll's chunks written
 * together are one sample, a chunk written alone one sample per attempt;</li>
 * <li>{@value #RETRIES}: transient failures of a chunk write that were retried;</li>
 * <li>{@value #DEAD_LETTERED} (tag {@code cause}: the simple name of the exception the
 * dead letter carries, its header {@code kafka_dlt-exception-fqcn}): records published to
 * the dead-letter topic, every time one is (a redelivered record is counted again).</li>
 * </ul>
 */
class ChunkMetrics {

	static final String PHOTOS = "sluice.photos";

	static final String CHUNK_WRITE = "sluice.chunk.write";

	static final String RETRIES = "sluice.chunk.retries";

	static final String DEAD_LETTERED = "sluice.chunks.dead.lettered";

	/**
	 * The causes of Sluice's own that a dead letter can carry, registered at start so
	 * that each series exists (at 0) before its first dead letter, and an alert on its
	 * increase fires on the first. A data error no photo explains carries the driver's
	 * exception ({@code PSQLException}), counted once it happens.
	 */
	private static final List<String> DEAD_LETTER_CAUSES = List.of("UnreadableChunkException", "UnknownJobException",
			"ForeignChunkException");

	private final MeterRegistry registry;

	private final Counter written;

	private final Counter duplicate;

	private final Counter failed;

	private final Counter cancelled;

	private final Counter retries;

	/** The write timers by lane, then outcome: registered once, not on every write. */
	private final Map<String, Map<String, Timer>> writes = new HashMap<>();

	ChunkMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String lane : List.of("main", "express")) {
			Map<String, Timer> byOutcome = new HashMap<>();
			for (String outcome : List.of("written", "skipped", "failed")) {
				byOutcome.put(outcome,
						Timer.builder(CHUNK_WRITE)
							.description("Chunk write transactions, by lane and outcome")
							.tag("lane", lane)
							.tag("outcome", outcome)
							.publishPercentileHistogram()
							.minimumExpectedValue(Duration.ofMillis(1))
							.maximumExpectedValue(Duration.ofMinutes(1))
							.register(registry));
			}
			this.writes.put(lane, byOutcome);
		}
		this.written = photos(registry, "written");
		this.duplicate = photos(registry, "duplicate");
		this.failed = photos(registry, "failed");
		this.cancelled = photos(registry, "cancelled");
		this.retries = Counter.builder(RETRIES)
			.description("Transient failures of a chunk write that were retried")
			.register(registry);
		DEAD_LETTER_CAUSES.forEach(this::deadLetters);
	}

	private Counter deadLetters(String cause) {
		return Counter.builder(DEAD_LETTERED)
			.description("Records published to the dead-letter topic, by the exception they carry")
			.tag("cause", cause)
			.register(this.registry);
	}

	private static Counter photos(MeterRegistry registry, String outcome) {
		return Counter.builder(PHOTOS)
			.description("Photos accounted by this worker's chunk writes, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	/**
	 * Runs one chunk write and records how long it took.
	 * @param topic the topic the chunk came from, which names its lane
	 * @param write the write
	 * @return its outcome
	 */
	ChunkOutcome timeWrite(String topic, Supplier<ChunkOutcome> write) {
		return timeWriteAll(topic, () -> List.of(write.get())).get(0);
	}

	/**
	 * Runs a write of many chunks in one transaction and records how long it took, as one
	 * sample.
	 * @param topic the topic the chunks came from, which names their lane
	 * @param write the write
	 * @return its outcomes
	 */
	List<ChunkOutcome> timeWriteAll(String topic, Supplier<List<ChunkOutcome>> write) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "failed";
		try {
			List<ChunkOutcome> outcomes = write.get();
			outcome = outcomes.stream().anyMatch(ChunkOutcome.Written.class::isInstance) ? "written" : "skipped";
			return outcomes;
		}
		finally {
			sample.stop(this.writes.get(ChunkTopics.EXPRESS_CHUNKS.equals(topic) ? "express" : "main").get(outcome));
		}
	}

	/**
	 * Counts the photos of a chunk by what its write did with them. A chunk written
	 * before counts nothing: it was counted then.
	 * @param chunk the chunk
	 * @param outcome what the write did
	 */
	void counted(PhotoChunk chunk, ChunkOutcome outcome) {
		if (outcome instanceof ChunkOutcome.Written written) {
			ChunkCounts counts = written.counts();
			this.written.increment(counts.written());
			this.duplicate.increment(counts.duplicate());
			this.failed.increment(counts.failed());
		}
		else if (outcome instanceof ChunkOutcome.Skipped skipped) {
			(skipped.jobStatus() == JobStatus.CANCELLED ? this.cancelled : this.failed)
				.increment(chunk.photos().size());
		}
	}

	/**
	 * Counts the photos of a chunk that can never be written and was recorded failed.
	 * @param chunk the chunk
	 */
	void failed(PhotoChunk chunk) {
		this.failed.increment(chunk.photos().size());
	}

	/**
	 * Counts one record published to the dead-letter topic.
	 * @param cause the exception it carries
	 */
	void deadLettered(Throwable cause) {
		deadLetters(cause.getClass().getSimpleName()).increment();
	}

	/** Counts one retried transient failure. */
	void retried() {
		this.retries.increment();
	}

}
