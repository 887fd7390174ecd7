package io.sluice.worker.write;

import javax.sql.DataSource;

import io.sluice.common.chunk.PhotoChunk;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

	private final PhotoCopy copy;

	private final PhotoRows photos;

	private final JobProgress progress;

	ChunkWriter(DataSource dataSource, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.transaction = ChunkTransaction.on(dataSource);
		this.ledger = new ChunkLedger(jdbc);
		this.copy = new PhotoCopy(jdbcTemplate);
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
		try {
			return this.transaction.run(() -> writeInTransaction(chunk, PhotoPath.COPY));
		}
		catch (DuplicateKeyException ex) {
			// Some photo is already in the album: COPY cannot skip it, so the whole
			// transaction (claim included) rolled back. Write the chunk again, skipping
			// duplicates.
			return this.transaction.run(() -> writeInTransaction(chunk, PhotoPath.INSERT_SKIPPING_DUPLICATES));
		}
	}

	private ChunkOutcome writeInTransaction(PhotoChunk chunk, PhotoPath path) {
		return switch (this.ledger.claim(chunk)) {
			case UNKNOWN_JOB -> throw new UnknownJobException(chunk.jobId(), chunk.chunkIndex());
			case ALREADY_DONE -> new ChunkOutcome.AlreadyDone();
			case SKIPPED_CANCELLED -> new ChunkOutcome.SkippedCancelled();
			case CLAIMED -> writePhotos(chunk, path);
		};
	}

	private ChunkOutcome writePhotos(PhotoChunk chunk, PhotoPath path) {
		int inserted = switch (path) {
			case COPY -> this.copy.copy(chunk);
			case INSERT_SKIPPING_DUPLICATES -> this.photos.insert(chunk);
		};
		ChunkCounts counts = ChunkCounts.inserted(chunk.photos().size(), inserted);
		this.ledger.recordCounts(chunk, counts);
		return new ChunkOutcome.Written(counts, this.progress.advance(chunk.jobId(), counts));
	}

	/**
	 * How a chunk's photos go in: {@code COPY} first (the fast path, for photos new to
	 * the album), an insert that skips duplicates when {@code COPY} meets one.
	 */
	private enum PhotoPath {

		COPY, INSERT_SKIPPING_DUPLICATES

	}

}
