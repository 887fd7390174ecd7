package io.sluice.worker.write;

import javax.sql.DataSource;

import java.util.Optional;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.worker.write.ChunkLedger.Claim;

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

	private final ChunkTransaction transaction;

	private final ChunkLedger ledger;

	private final JobProgress progress;

	UnwritableChunks(DataSource dataSource, JdbcClient jdbc) {
		this.transaction = ChunkTransaction.on(dataSource);
		this.ledger = new ChunkLedger(jdbc);
		this.progress = new JobProgress(jdbc);
	}

	/**
	 * Records the chunk as failed, if its job exists and the chunk has no ledger row yet.
	 * @param chunk the chunk that failed
	 * @param reason why, for people and machines
	 * @return the job after this chunk, or empty if the job did not move (unknown job,
	 * chunk recorded before, job already failed or cancelled)
	 */
	public Optional<JobSnapshot> recordFailed(PhotoChunk chunk, String reason) {
		return this.transaction.run(() -> this.ledger.recordFailed(chunk, storable(reason))
			.filter((recorded) -> recorded == Claim.CLAIMED)
			.map((recorded) -> this.progress.advance(chunk.jobId(), ChunkCounts.failed(chunk.photos().size()))));
	}

	/**
	 * PostgreSQL text cannot hold U+0000; a reason that quotes bad input must still fit.
	 */
	static String storable(String reason) {
		String text = (reason != null) ? reason.replace("\u0000", "\\u0000") : "unknown";
		return (text.length() > MAX_REASON_LENGTH) ? text.substring(0, MAX_REASON_LENGTH) : text;
	}

}
