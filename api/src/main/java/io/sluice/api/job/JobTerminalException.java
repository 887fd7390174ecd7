package io.sluice.api.job;

import java.util.UUID;

import io.sluice.common.job.JobStatus;

/**
 * A job was to be cancelled but had already ended as {@code COMPLETED},
 * {@code COMPLETED_WITH_ERRORS} or {@code FAILED}. Answered with 409: the request is
 * valid but the job's state no longer allows it. Not thrown for a job that is already
 * {@code CANCELLED}; cancelling it again succeeds (ADR 0021).
 */
class JobTerminalException extends RuntimeException {

	private final UUID jobId;

	private final JobStatus status;

	JobTerminalException(UUID jobId, JobStatus status) {
		super("Job " + jobId + " has already ended as " + status);
		this.jobId = jobId;
		this.status = status;
	}

	UUID jobId() {
		return this.jobId;
	}

	JobStatus status() {
		return this.status;
	}

}
