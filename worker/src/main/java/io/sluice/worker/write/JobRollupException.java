package io.sluice.worker.write;

import java.util.List;

import io.sluice.common.db.DatabaseFailure;

/**
 * Chunks were committed, but the roll-up after them failed for a reason no retry can fix
 * (the schema or its privileges are wrong, see {@link JobRollup}): their jobs cannot move
 * or end until someone fixes it. Nothing is lost, and writing the chunks again changes
 * nothing but rolls their jobs up. The cause is the database's failure, so
 * {@link DatabaseFailure#classify} calls this what the failure is.
 */
public class JobRollupException extends RuntimeException {

	private final transient List<ChunkOutcome> committed;

	JobRollupException(List<ChunkOutcome> committed, RuntimeException cause) {
		super("Chunks committed, but their jobs could not be rolled up: " + DatabaseFailure.describe(cause), cause);
		this.committed = List.copyOf(committed);
	}

	/**
	 * What the write did with each chunk, in the order given, without the jobs' state.
	 * @return the outcomes of the committed write
	 */
	public List<ChunkOutcome> committed() {
		return this.committed;
	}

}
