package io.sluice.worker.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkMembership;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.chunk.UnreadableChunkException;
import io.sluice.common.job.JobStatus;
import io.sluice.common.job.LedgerOutcome;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends dead-lettered chunk records back to the chunk topic they came from (the main one
 * or the express lane, ADR 0023; the main one if the record does not say) once their
 * cause is fixed. Reads the dead-letter topic from where the last re-drive stopped
 * (consumer group {@value #GROUP}) to its end as of the start, and for each record:
 *
 * <ul>
 * <li>unreadable, a chunk that does not belong to the job it names
 * ({@link ChunkMembership}), or a chunk whose job does not exist, cancelled or failed:
 * left where it is (re-driving it could only dead-letter it again);</li>
 * <li>a chunk recorded {@code FAILED}: its ledger row is removed and its job reopened
 * (counters back by that chunk, {@code COMPLETED_WITH_ERRORS} back to {@code RUNNING}),
 * then the record is published again;</li>
 * <li>a chunk with no ledger row: published again;</li>
 * <li>a chunk written since: nothing to do.</li>
 * </ul>
 * Each record's offset is committed only after its record is published, so a re-drive
 * that dies half-way is simply run again. Running it twice is harmless: the second run
 * starts after the first one's records, and a chunk published twice is written once (the
 * ledger).
 */
public class DeadLetterRedrive {

	/** The consumer group that remembers how far re-drives have read. */
	public static final String GROUP = "sluice-redrive";

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Whether the owner of job {@code j} may still import into its album (ADR 0032): it
	 * owns the album or has it shared, or no one owns the album (a job from before albums
	 * had owners).
	 */
	private static final String MAY_IMPORT = """
			(NOT EXISTS (SELECT 1 FROM album_owner o WHERE o.album_id = j.album_id)
			 OR EXISTS (SELECT 1 FROM album_owner o WHERE o.album_id = j.album_id AND o.owner = j.owner)
			 OR EXISTS (SELECT 1 FROM album_share s WHERE s.album_id = j.album_id AND s.owner = j.owner))""";

	private static final String CHUNK_STATE = """
			WITH o AS (
			    %s
			)
			SELECT j.status, c.outcome, %s AS may_import, %s AS belongs
			FROM o JOIN import_job j ON j.id = o.job_id
			LEFT JOIN import_chunk c ON c.job_id = j.id AND c.chunk_index = o.chunk_index
			""".formatted(ChunkMembership.OFFERED, MAY_IMPORT, ChunkMembership.BELONGS);

	/**
	 * Holds the job's album still until the reopen commits: an operator who hands it over
	 * meanwhile waits, then cancels the reopened job; one who did first is seen by
	 * {@link #REOPEN}.
	 */
	private static final String LOCK_ALBUM = """
			SELECT o.owner
			FROM album_owner o JOIN import_job j ON j.album_id = o.album_id
			WHERE j.id = :jobId
			FOR SHARE OF o
			""";

	/**
	 * Removes the chunk's FAILED ledger row and sets the job's counters from the rest of
	 * its ledger, unless the job has ended meanwhile: a failed or cancelled job never
	 * moves again (ADR 0019), nor one whose owner may no longer import into its album
	 * (ADR 0032). The job's row is locked first, so a verdict committed since the chunk's
	 * state was read is seen. The job's {@code reopened} count goes up, so that no
	 * roll-up whose snapshot still holds the removed row applies it (ADR 0036).
	 */
	private static final String REOPEN = """
			WITH job AS (
			    SELECT id, chunk_count FROM import_job j
			    WHERE id = :jobId AND status NOT IN (%1$s) AND %2$s
			    FOR NO KEY UPDATE
			), removed AS (
			    DELETE FROM import_chunk
			    WHERE job_id = (SELECT id FROM job) AND chunk_index = :chunkIndex AND outcome = %3$s
			    RETURNING chunk_index
			), ledger AS (
			    SELECT count(*)::int AS chunks, coalesce(sum(c.written), 0)::int AS written,
			           coalesce(sum(c.duplicate), 0)::int AS duplicate, coalesce(sum(c.failed), 0)::int AS failed
			    FROM import_chunk c JOIN job ON c.job_id = job.id
			    WHERE c.outcome IN (%4$s, %3$s) AND c.chunk_index < job.chunk_count AND c.chunk_index <> :chunkIndex
			)
			UPDATE import_job
			SET chunks_done = s.chunks, written = s.written, duplicate = s.duplicate, failed = s.failed,
			    status = CASE WHEN status = %5$s THEN %6$s ELSE status END,
			    finished_at = NULL,
			    reopened = reopened + 1,
			    updated_at = clock_timestamp()
			FROM ledger s
			WHERE id = :jobId AND EXISTS (SELECT 1 FROM removed)
			""".formatted(JobStatus.CUT_SHORT_SQL, MAY_IMPORT, LedgerOutcome.FAILED.sql(), LedgerOutcome.WRITTEN.sql(),
			JobStatus.COMPLETED_WITH_ERRORS.sql(), JobStatus.RUNNING.sql());

	private final String bootstrapServers;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ChunkCodec codec;

	public DeadLetterRedrive(String bootstrapServers, JdbcClient jdbc, TransactionTemplate transaction,
			ChunkCodec codec) {
		this.bootstrapServers = bootstrapServers;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.codec = codec;
	}

	/**
	 * Re-drives every dead letter not re-driven before.
	 * @param dryRun only say what would happen: change nothing, publish nothing, commit
	 * nothing
	 * @param out one line per record
	 * @return what happened, record by record
	 */
	public Report run(boolean dryRun, Consumer<String> out) {
		Report report = new Report();
		try (KafkaConsumer<String, byte[]> deadLetters = consumer();
				KafkaProducer<String, byte[]> chunks = producer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : deadLetters.partitionsFor(ChunkTopics.DEAD_LETTER, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			deadLetters.assign(partitions);
			Map<TopicPartition, Long> end = deadLetters.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> deadLetters.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					Action action = redrive(record, dryRun, chunks);
					report.add(action);
					out.accept(String.format("%s-%d@%d %s: %s", record.topic(), record.partition(), record.offset(),
							record.key(), action.describe()));
					if (!dryRun) {
						deadLetters.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
					}
				}
			}
		}
		return report;
	}

	private Action redrive(ConsumerRecord<String, byte[]> record, boolean dryRun,
			KafkaProducer<String, byte[]> chunks) {
		PhotoChunk chunk;
		try {
			chunk = this.codec.decode(record.value());
		}
		catch (UnreadableChunkException ex) {
			return Action.LEFT_UNREADABLE;
		}
		Optional<ChunkState> state = state(chunk);
		if (state.isEmpty()) {
			return Action.LEFT_UNKNOWN_JOB;
		}
		if (!state.get().belongs()) {
			return Action.LEFT_FOREIGN;
		}
		if (JobStatus.CUT_SHORT.contains(state.get().jobStatus())) {
			return Action.LEFT_JOB_ENDED;
		}
		if (!state.get().mayImport()) {
			return Action.LEFT_ALBUM_CHANGED_HANDS;
		}
		LedgerOutcome outcome = state.get().chunkOutcome();
		if (outcome != null && outcome != LedgerOutcome.FAILED) {
			return Action.ALREADY_WRITTEN;
		}
		if (dryRun) {
			return (outcome != null) ? Action.REOPENED_AND_PUBLISHED : Action.PUBLISHED;
		}
		if (outcome != null && !reopen(chunk.jobId(), chunk.chunkIndex())) {
			// The job failed or was cancelled since its state was read, or its album
			// changed hands (or another re-drive reopened the chunk first and publishes
			// it)
			return Action.LEFT_JOB_ENDED;
		}
		publish(chunks, record);
		return (outcome != null) ? Action.REOPENED_AND_PUBLISHED : Action.PUBLISHED;
	}

	private Optional<ChunkState> state(PhotoChunk chunk) {
		return ChunkMembership.offer(this.jdbc.sql(CHUNK_STATE), chunk)
			.query((row, number) -> new ChunkState(JobStatus.valueOf(row.getString("status")),
					Optional.ofNullable(row.getString("outcome")).map(LedgerOutcome::valueOf).orElse(null),
					row.getBoolean("may_import"), row.getBoolean("belongs")))
			.optional();
	}

	/**
	 * Reopens the chunk's job; {@code false} if the job has ended or nothing was left to
	 * reopen.
	 */
	private boolean reopen(UUID jobId, int chunkIndex) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			this.jdbc.sql(LOCK_ALBUM).param("jobId", jobId).query().listOfRows();
			return this.jdbc.sql(REOPEN).param("jobId", jobId).param("chunkIndex", chunkIndex).update() == 1;
		}));
	}

	private static void publish(KafkaProducer<String, byte[]> chunks, ConsumerRecord<String, byte[]> record) {
		String topic = originalTopic(record);
		try {
			chunks.send(new ProducerRecord<>(topic, record.key(), record.value()))
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while re-driving " + record.key(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish " + record.key() + " to " + topic
					+ "; its offset is not committed, run the re-drive again", ex);
		}
	}

	/**
	 * The chunk topic a dead letter was read from, as its header says: a small job's
	 * chunk goes back to the express lane, so that it does not wait behind large jobs
	 * now. Anything else, or no header, means the main chunk topic.
	 */
	static String originalTopic(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		String topic = (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
		return (topic != null && ChunkTopics.CHUNK_TOPICS.contains(topic)) ? topic : ChunkTopics.PHOTO_CHUNKS;
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<String, byte[]> producer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	private record ChunkState(JobStatus jobStatus, LedgerOutcome chunkOutcome, boolean mayImport, boolean belongs) {
	}

	/** What the re-drive did with one dead letter. */
	public enum Action {

		/** The chunk had no ledger row; its record is on the chunk topic again. */
		PUBLISHED("published again"),
		/**
		 * The chunk was recorded FAILED; its job is reopened and its record published.
		 */
		REOPENED_AND_PUBLISHED("chunk reopened (its FAILED record removed from the job) and published again"),
		/** The chunk has been written since; nothing to do. */
		ALREADY_WRITTEN("already written, nothing to do"),
		/** Not a chunk: re-driving cannot help. */
		LEFT_UNREADABLE("left: not a readable chunk"),
		/** The chunk's job does not exist. */
		LEFT_UNKNOWN_JOB("left: its job does not exist"),
		/**
		 * The chunk does not belong to the job it names ({@link ChunkMembership}): forged
		 * or edited on its way.
		 */
		LEFT_FOREIGN(
				"left: it does not belong to the job it names (another owner, album or chunk count, or an index or photos the job does not have)"),
		/** The chunk's job was cancelled or failed; it stays ended. */
		LEFT_JOB_ENDED("left: its job is cancelled or failed"),
		/**
		 * The chunk's job's owner may no longer import into its album: an operator handed
		 * it over or stopped sharing it (ADR 0032).
		 */
		LEFT_ALBUM_CHANGED_HANDS("left: its album changed hands; its job's owner may no longer import into it");

		private final String description;

		Action(String description) {
			this.description = description;
		}

		String describe() {
			return this.description;
		}

	}

	/** How many dead letters met each {@link Action}. */
	public static final class Report {

		private final Map<Action, Integer> counts = new EnumMap<>(Action.class);

		void add(Action action) {
			this.counts.merge(action, 1, Integer::sum);
		}

		public int count(Action action) {
			return this.counts.getOrDefault(action, 0);
		}

		public int redriven() {
			return count(Action.PUBLISHED) + count(Action.REOPENED_AND_PUBLISHED);
		}

		@Override
		public String toString() {
			return this.counts.isEmpty() ? "no dead letters to re-drive" : this.counts.toString();
		}

	}

}
