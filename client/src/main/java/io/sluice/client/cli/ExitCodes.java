package io.sluice.client.cli;

import io.sluice.client.model.JobStatus;

/**
 * The exit codes of {@code sluice}, the same for every command (client/README.md lists
 * them). A command that waits for jobs exits with the worst outcome among them.
 */
final class ExitCodes {

	/** Done; for a job, it COMPLETED (or, for status, has not ended yet). */
	static final int OK = 0;

	/** A usage error: bad options, a missing setting, a malformed photo file. */
	static final int USAGE = 1;

	/**
	 * The job ended COMPLETED_WITH_ERRORS: some photos failed (sluice failures lists
	 * them).
	 */
	static final int COMPLETED_WITH_ERRORS = 2;

	/** The job ended FAILED or CANCELLED. */
	static final int FAILED_OR_CANCELLED = 3;

	/**
	 * The API refused the request (a problem, printed) or could not be reached, after the
	 * retries that apply.
	 */
	static final int API_ERROR = 4;

	/** Interrupted (Ctrl-C) while waiting; the jobs go on on the server. */
	static final int INTERRUPTED = 130;

	private ExitCodes() {
	}

	/**
	 * The code of a job's status.
	 * @param status the status
	 * @return {@link #OK} unless the job ended with errors, failed or was cancelled
	 */
	static int of(JobStatus status) {
		return switch (status) {
			case COMPLETED_WITH_ERRORS -> COMPLETED_WITH_ERRORS;
			case FAILED, CANCELLED -> FAILED_OR_CANCELLED;
			default -> OK;
		};
	}

	/**
	 * Whether a status is final.
	 * @param status the status
	 * @return whether the job has ended
	 */
	static boolean ended(JobStatus status) {
		return switch (status) {
			case COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED -> true;
			default -> false;
		};
	}

}
