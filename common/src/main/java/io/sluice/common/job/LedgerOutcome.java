package io.sluice.common.job;

/**
 * What the chunk ledger, {@code import_chunk}, records for a chunk: the values of its
 * {@code outcome} check in the migrations. Statements on the ledger take their outcome
 * literals from {@link #sql()}.
 */
public enum LedgerOutcome {

	/** The chunk's photos are in the database (less those it counts failed). */
	WRITTEN(null),
	/** The chunk can never be written and was dead-lettered; its photos count failed. */
	FAILED(null),
	/** The chunk's job was cancelled before it landed; nothing of it was written. */
	SKIPPED_CANCELLED(JobStatus.CANCELLED),
	/** The chunk's job failed before it landed; nothing of it was written. */
	SKIPPED_FAILED(JobStatus.FAILED);

	private final JobStatus skippedFor;

	LedgerOutcome(JobStatus skippedFor) {
		this.skippedFor = skippedFor;
	}

	/**
	 * The status of the job whose chunks this outcome skips.
	 * @return one of {@link JobStatus#CUT_SHORT}, or {@code null} if this outcome is no
	 * skip
	 */
	public JobStatus skippedFor() {
		return this.skippedFor;
	}

	/**
	 * This outcome as an SQL string literal, as {@code import_chunk.outcome} holds it.
	 * @return for example {@code 'WRITTEN'}
	 */
	public String sql() {
		return "'" + name() + "'";
	}

}
