package io.sluice.worker.write;

import javax.sql.DataSource;

import java.util.List;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.write.ChunkLedger.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records a chunk that can never be written, in its own transaction: its ledger row says
 * {@code FAILED} with the reason, and all its photos count as failed on the job, which
 * can then end {@code COMPLETED_WITH_ERRORS}. Counted once however often it is called. A
 * chunk whose job has already failed or been cancelled is recorded skipped instead, with
 * the reason, and the job is not moved: its counters already account for every photo.
 */
@Component
public class UnwritableChunks {

	static final int MAX_REASON_LENGTH = 2000;

	private static final Logger log = LoggerFactory.getLogger(UnwritableChunks.class);

	private final ChunkTransaction transaction;

	private final ChunkLedger ledger;

	private final JobRollup rollup;

	@Autowired
	UnwritableChunks(DataSource dataSource, JdbcClient jdbc) {
		this(dataSource, jdbc, new JobRollup(jdbc));
	}

	UnwritableChunks(DataSource dataSource, JdbcClient jdbc, JobRollup rollup) {
		this.transaction = ChunkTransaction.on(dataSource);
		this.ledger = new ChunkLedger(jdbc);
		this.rollup = rollup;
	}

	/**
	 * Records the chunk as failed, if its job exists and the chunk has no ledger row yet,
	 * and rolls the job up.
	 * @param chunk the chunk that failed
	 * @param reason why, for people and machines
	 * @return whether the chunk was recorded {@code FAILED} now; not if the job is
	 * unknown, the chunk was recorded before, or the job had already failed or been
	 * cancelled
	 */
	public boolean recordFailed(PhotoChunk chunk, String reason) {
		boolean recorded = this.transaction.run(() -> this.ledger.recordFailed(chunk, storable(reason))
			.filter((claim) -> claim == Claim.CLAIMED)
			.isPresent());
		if (recorded) {
			rollUp(chunk);
		}
		return recorded;
	}

	/**
	 * Rolls the chunk's job up. A roll-up that fails for a reason no retry can fix is
	 * logged at {@code ERROR} and not thrown: the chunk is recorded, and the next chunk
	 * written pauses intake for the same failure ({@link JobRollupException}).
	 */
	private void rollUp(PhotoChunk chunk) {
		try {
			JobSnapshot job = this.rollup.rollUp(List.of(chunk.jobId())).get(chunk.jobId());
			if (job != null && job.finished()) {
				log.info(job.describeEnd());
			}
		}
		catch (DataAccessException ex) {
			log.error("Chunk {} of job {} is recorded FAILED, but its job could not be rolled up: {}",
					chunk.chunkIndex(), chunk.jobId(), DatabaseFailure.describe(ex));
		}
	}

	/**
	 * PostgreSQL text cannot hold U+0000; a reason that quotes bad input must still fit.
	 */
	static String storable(String reason) {
		String text = (reason != null) ? reason.replace("\u0000", "\\u0000") : "unknown";
		return (text.length() > MAX_REASON_LENGTH) ? text.substring(0, MAX_REASON_LENGTH) : text;
	}

}
