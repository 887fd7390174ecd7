package io.sluice.worker.write;

import io.sluice.common.chunk.PhotoChunk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Writes one chunk in one transaction on one connection: claim the chunk's ledger row,
 * insert its photos in one statement, record its counts, move the job's counters and
 * status last. Idempotent: a chunk written before changes nothing, so redelivery and
 * replay are safe.
 *
 * <p>
 * Does not retry, classify failures or report: callers decide what a failure means. Do
 * not call it inside another transaction; each call must commit on its own.
 */
@Component
public class ChunkWriter {

	private final ChunkTransaction transaction;

	private final ChunkLedger ledger;

	private final PhotoRows photos;

	private final JobProgress progress;

	ChunkWriter(PlatformTransactionManager transactionManager, JdbcClient jdbc) {
		this.transaction = new ChunkTransaction(transactionManager);
		this.ledger = new ChunkLedger(jdbc);
		this.photos = new PhotoRows(jdbc);
		this.progress = new JobProgress(jdbc);
	}

	/**
	 * Writes a chunk, unless it was written before or its job was cancelled.
	 * @param chunk a decoded, valid chunk
	 * @return what happened
	 * @throws UnknownJobException if the chunk's job does not exist
	 * @throws org.springframework.dao.DataAccessException if the database fails; nothing
	 * was committed
	 */
	public ChunkOutcome write(PhotoChunk chunk) {
		return this.transaction.run(() -> writeInTransaction(chunk));
	}

	private ChunkOutcome writeInTransaction(PhotoChunk chunk) {
		return switch (this.ledger.claim(chunk)) {
			case UNKNOWN_JOB -> throw new UnknownJobException(chunk.jobId(), chunk.chunkIndex());
			case ALREADY_DONE -> new ChunkOutcome.AlreadyDone();
			case SKIPPED_CANCELLED -> new ChunkOutcome.SkippedCancelled();
			case CLAIMED -> writePhotos(chunk);
		};
	}

	private ChunkOutcome writePhotos(PhotoChunk chunk) {
		ChunkCounts counts = ChunkCounts.inserted(chunk.photos().size(), this.photos.insert(chunk));
		this.ledger.recordCounts(chunk, counts);
		return new ChunkOutcome.Written(counts, this.progress.advance(chunk.jobId(), counts));
	}

}
