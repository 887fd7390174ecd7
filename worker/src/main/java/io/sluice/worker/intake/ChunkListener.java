package io.sluice.worker.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.chunk.UnreadableChunkException;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.budget.WriteSlots;
import io.sluice.worker.write.ChunkOutcome;
import io.sluice.worker.write.ChunkWriter;
import io.sluice.worker.write.ForeignChunkException;
import io.sluice.worker.write.JobRollupException;
import io.sluice.worker.write.UnknownJobException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Takes the chunk records of one poll off the topic and writes them, fastest way first:
 *
 * <ol>
 * <li>all readable chunks together, in one transaction ({@link ChunkWriter#writeAll});
 * </li>
 * <li>if that fails for any reason, one chunk at a time ({@link ChunkWriter#write}), each
 * within the {@link TransientRetry} budget, which tells the failures apart.</li>
 * </ol>
 *
 * What a failure means is {@link DatabaseFailure#classify}'s call. Only a record that can
 * never be written for its own sake (unreadable, unknown job, a chunk that does not
 * belong to the job it names, a data error that bisection could not pin on a photo) is
 * handed to the {@link ChunkDeadLetterer} here, and the poll goes on. A chunk the
 * database refused for the whole retry budget, or refused because the schema or Sluice is
 * wrong, or whose job's roll-up failed because the schema or its privileges are wrong
 * ({@link JobRollupException}: the chunk is committed, but no job could move or end),
 * pauses intake until a probe write succeeds ({@link IntakePause}) and ends the poll with
 * a {@link BatchListenerFailedException} naming it: the records before it are committed,
 * and it and the rest are redelivered once intake resumes (see
 * {@link IntakeConfiguration}).
 *
 * <p>
 * Two listener containers feed it: the main chunk topic's and the express lane's, where
 * the API puts small jobs (ADR 0023). Their consumer threads take turns through the
 * {@link WriteSlots}: a poll is written only while its thread holds a slot, so the
 * express lane's threads need no connection of their own, and a small job's chunk waits
 * for at most one main poll, never for a large job's backlog.
 *
 * <p>
 * Every line logged while one record is handled carries its job, chunk index, partition
 * and offset ({@link ChunkLogContext}); what happened is counted and timed by
 * {@link ChunkMetrics}.
 */
@Component
class ChunkListener {

	static final String LISTENER_ID = "chunk-intake";

	static final String EXPRESS_LISTENER_ID = "chunk-express";

	/**
	 * Both listener containers: intake pauses them together and readiness checks them.
	 */
	static final List<String> LISTENER_IDS = List.of(LISTENER_ID, EXPRESS_LISTENER_ID);

	private static final Logger log = LoggerFactory.getLogger(ChunkListener.class);

	private final ChunkCodec codec;

	private final ChunkWriter writer;

	private final TransientRetry retry;

	private final ChunkDeadLetterer deadLetterer;

	private final IntakePause pause;

	private final WriteSlots slots;

	private final ChunkMetrics metrics;

	ChunkListener(ChunkCodec codec, ChunkWriter writer, TransientRetry retry, ChunkDeadLetterer deadLetterer,
			IntakePause pause, WriteSlots slots, ChunkMetrics metrics) {
		this.codec = codec;
		this.writer = writer;
		this.retry = retry;
		this.deadLetterer = deadLetterer;
		this.pause = pause;
		this.slots = slots;
		this.metrics = metrics;
	}

	/**
	 * Writes the chunk records of one poll.
	 * @param records the records, values still undecoded, in offset order per partition
	 * @throws BatchListenerFailedException naming the first record that could not be
	 * written or recovered now; every record before it is done
	 */
	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = ChunkTopics.PHOTO_CHUNKS, batch = "true",
			autoStartup = "false")
	void onChunks(List<ConsumerRecord<String, byte[]>> records) {
		try (WriteSlots.Slot slot = this.slots.acquire()) {
			writePoll(records);
		}
	}

	/**
	 * Writes the chunk records of one poll of the express lane, exactly as
	 * {@link #onChunks} does those of the main topic.
	 * @param records the records, values still undecoded, in offset order per partition
	 * @throws BatchListenerFailedException naming the first record that could not be
	 * written or recovered now; every record before it is done
	 */
	@KafkaListener(id = EXPRESS_LISTENER_ID, idIsGroup = false, topics = ChunkTopics.EXPRESS_CHUNKS, batch = "true",
			concurrency = "#{@connectionBudget.expressThreads()}", autoStartup = "false")
	void onExpressChunks(List<ConsumerRecord<String, byte[]>> records) {
		onChunks(records);
	}

	private void writePoll(List<ConsumerRecord<String, byte[]>> records) {
		List<Delivery> readable = new ArrayList<>(records.size());
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<String, byte[]> record = records.get(index);
			try {
				readable.add(new Delivery(index, record, this.codec.decode(record.value())));
			}
			catch (UnreadableChunkException ex) {
				write(readable);
				readable.clear();
				try (ChunkLogContext context = ChunkLogContext.of(record, null)) {
					recover(new Delivery(index, record, null), ex);
				}
			}
		}
		write(readable);
	}

	private void write(List<Delivery> deliveries) {
		if (deliveries.size() > 1 && writeTogether(deliveries)) {
			return;
		}
		for (Delivery delivery : deliveries) {
			writeAlone(delivery);
		}
	}

	private boolean writeTogether(List<Delivery> deliveries) {
		List<ChunkOutcome> outcomes;
		try {
			outcomes = this.metrics.timeWriteAll(deliveries.get(0).record().topic(),
					() -> this.writer.writeAll(deliveries.stream().map(Delivery::chunk).toList()));
		}
		catch (JobRollupException ex) {
			// Committed, but no job of them can move: pause, and have them all come again
			// once intake resumes, when their redelivery rolls their jobs up
			reportAll(deliveries, ex.committed());
			throw deferred(deliveries.get(0), DatabaseFailure.PROGRAMMING, ex);
		}
		catch (RuntimeException ex) {
			log.debug("{} chunks could not be written together, writing them one at a time: {}", deliveries.size(),
					ex.toString());
			return false;
		}
		reportAll(deliveries, outcomes);
		return true;
	}

	private void reportAll(List<Delivery> deliveries, List<ChunkOutcome> outcomes) {
		Set<UUID> reportedJobs = new HashSet<>();
		for (int i = 0; i < deliveries.size(); i++) {
			try (ChunkLogContext context = ChunkLogContext.of(deliveries.get(i).record(), deliveries.get(i).chunk())) {
				report(deliveries.get(i), outcomes.get(i), reportedJobs);
			}
		}
	}

	private void writeAlone(Delivery delivery) {
		try (ChunkLogContext context = ChunkLogContext.of(delivery.record(), delivery.chunk())) {
			writeAloneInContext(delivery);
		}
	}

	private void writeAloneInContext(Delivery delivery) {
		PhotoChunk chunk = delivery.chunk();
		String topic = delivery.record().topic();
		ChunkOutcome outcome;
		try {
			outcome = this.retry.run(chunk, () -> this.metrics.timeWrite(topic, () -> this.writer.write(chunk)));
		}
		catch (UnknownJobException | ForeignChunkException ex) {
			recover(delivery, ex);
			return;
		}
		catch (JobRollupException ex) {
			report(delivery, ex.committed().get(0), new HashSet<>());
			throw deferred(delivery, DatabaseFailure.PROGRAMMING, ex);
		}
		catch (RuntimeException ex) {
			DatabaseFailure kind = DatabaseFailure.classify(ex);
			if (kind != DatabaseFailure.DATA) {
				throw deferred(delivery, kind, ex);
			}
			recover(delivery, new PermanentChunkFailure(chunk, ex));
			return;
		}
		report(delivery, outcome, new HashSet<>());
	}

	/**
	 * Pauses intake for a failure that is not the chunk's own, and names the chunk for
	 * redelivery once intake resumes.
	 */
	private BatchListenerFailedException deferred(Delivery delivery, DatabaseFailure kind, Exception failure) {
		this.pause.pause(kind, failure);
		DeferredChunkFailure deferred = new DeferredChunkFailure(delivery.chunk(), kind, failure);
		return new BatchListenerFailedException(deferred.getMessage(), deferred, delivery.index());
	}

	/**
	 * Dead-letters and records a record that can never be written. If that fails too, the
	 * record is redelivered rather than lost, and if the database is why, intake pauses
	 * first.
	 */
	private void recover(Delivery delivery, Exception failure) {
		try {
			this.deadLetterer.accept(delivery.record(), failure);
		}
		catch (RuntimeException ex) {
			ex.addSuppressed(failure);
			if (ex instanceof ChunkDeadLetterer.NotRecordedException notRecorded) {
				this.pause.pause(DatabaseFailure.classify(notRecorded.getCause()), notRecorded.getCause());
			}
			throw new BatchListenerFailedException(
					"Could not dead-letter record " + delivery.record().key() + " (partition "
							+ delivery.record().partition() + ", offset " + delivery.record().offset() + ")",
					ex, delivery.index());
		}
	}

	private void report(Delivery delivery, ChunkOutcome outcome, Set<UUID> reportedJobs) {
		PhotoChunk chunk = delivery.chunk();
		ConsumerRecord<String, byte[]> record = delivery.record();
		this.metrics.counted(chunk, outcome);
		this.pause.written();
		if (outcome instanceof ChunkOutcome.Written written) {
			log.debug("Chunk {} of job {} (partition {}, offset {}): {}", chunk.chunkIndex(), chunk.jobId(),
					record.partition(), record.offset(), written.counts());
			written.job()
				.filter((job) -> job.finished() && reportedJobs.add(job.id()))
				.ifPresent((job) -> log.info(job.describeEnd()));
		}
		else {
			log.info("Chunk {} of job {} (partition {}, offset {}) skipped: {}", chunk.chunkIndex(), chunk.jobId(),
					record.partition(), record.offset(), outcome);
		}
	}

	/**
	 * One record of the poll.
	 *
	 * @param index its position in the poll, for {@link BatchListenerFailedException}
	 * @param record the record
	 * @param chunk its decoded value, or {@code null} if unreadable
	 */
	private record Delivery(int index, ConsumerRecord<String, byte[]> record, PhotoChunk chunk) {
	}

}
