package io.sluice.api.job;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sluice.api.job.JobCallback.CallbackState;
import io.sluice.common.job.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A job as clients see it: the body of {@code POST}, {@code GET} and {@code DELETE}
 * {@code /api/v1/jobs/{id}}, an entry of the job history, and the data of each event of
 * {@code GET /api/v1/jobs/{id}/events}.
 *
 * @param id the job's id
 * @param albumId the album the photos are added to
 * @param status where the job is in its life
 * @param photos progress counters
 * @param createdAt when the job was recorded (ISO-8601)
 * @param updatedAt when the job last changed (ISO-8601)
 * @param finishedAt when the job reached a terminal status, {@code null} until then
 * @param failureReason why a {@code FAILED} job failed, or why an operator cancelled a
 * job when its album changed hands (ADR 0032); {@code null} for every other job
 * @param etaSeconds seconds the job is expected to take still ({@link JobEta}): 0 once it
 * has ended, {@code null} while no photo has been processed
 * @param callback where the delivery of the job's final view to its callback URL stands;
 * absent when the job has no callback (ADR 0041)
 */
@Schema(description = "A job as clients see it: the answer of submitJob, getJob and cancelJob, an entry of "
		+ "listJobs, and the data of each event of streamJobEvents")
public record JobView(
		@Schema(description = "The job's id", requiredMode = Schema.RequiredMode.REQUIRED,
				example = "3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4") UUID id,
		@Schema(description = "The album the photos are added to", requiredMode = Schema.RequiredMode.REQUIRED,
				example = "42") long albumId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) JobStatus status,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) PhotoCounts photos,
		@Schema(description = "When the job was recorded",
				requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
		@Schema(description = "When the job last changed",
				requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt,
		@Schema(description = "When the job reached its final status; null until then") Instant finishedAt,
		@Schema(description = "Why a FAILED job failed, or why an operator cancelled a job when its album changed "
				+ "hands; null for every other job") String failureReason,
		@Schema(description = "Seconds the job is expected to take still: 0 once it has ended, null while no photo "
				+ "has been processed", example = "12") Long etaSeconds,
		@Schema(description = "Where the job's callback stands; absent when the job has none") @JsonInclude(JsonInclude.Include.NON_NULL) CallbackView callback) {

	public static JobView of(Job job) {
		return new JobView(job.id(), job.albumId(), job.status(),
				new PhotoCounts(job.totalPhotos(), job.written(), job.duplicate(), job.failed(), job.cancelled()),
				job.createdAt(), job.updatedAt(), job.finishedAt(), job.failureReason(), JobEta.seconds(job),
				(job.callback() != null) ? CallbackView.of(job.callback()) : null);
	}

	/**
	 * Where a job's callback stands. When the job ends, its view (without this member) is
	 * POSTed to {@code url}, signed, and retried until a 2xx or
	 * {@code sluice.webhook.max-age}.
	 *
	 * @param url where the job's final view is POSTed
	 * @param state {@code WAITING} until the job ends, then {@code PENDING} until an
	 * attempt is answered with a 2xx ({@code DELIVERED}) or the deliveries are given up
	 * ({@code FAILED})
	 * @param attempts attempts made so far
	 * @param lastStatus the HTTP status that answered the last attempt; {@code null} if
	 * it got none (no connection, a timeout, an address refused) or none was made
	 * @param lastError why the last attempt failed, {@code null} if it did not
	 */
	@Schema(description = "Where a job's callback stands: its final view is POSTed to url, signed, once it ends")
	public record CallbackView(
			@Schema(description = "Where the job's final view is POSTed", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "https://hooks.example.com/sluice") String url,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) CallbackState state,
			@Schema(description = "Attempts made so far", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "1") int attempts,
			@Schema(description = "The HTTP status that answered the last attempt; null if it got none or none was "
					+ "made", example = "200") Integer lastStatus,
			@Schema(description = "Why the last attempt failed; null if it did not") String lastError) {

		static CallbackView of(JobCallback callback) {
			return new CallbackView(callback.url(), callback.state(), callback.attempts(), callback.lastStatus(),
					callback.lastError());
		}

	}

	/**
	 * A job's photo counters; {@code written + duplicate + failed + cancelled = total}
	 * once the job is terminal (ADR 0021).
	 *
	 * @param total photos submitted
	 * @param written photos inserted
	 * @param duplicate photos already in the album
	 * @param failed photos that could not be written
	 * @param cancelled photos that never landed because the job was cancelled; 0 unless
	 * the job is {@code CANCELLED}
	 */
	@Schema(description = "The job's photo counters; written + duplicate + failed + cancelled = total once the job "
			+ "has ended")
	public record PhotoCounts(
			@Schema(description = "Photos submitted", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "1000") int total,
			@Schema(description = "Photos inserted", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "400") int written,
			@Schema(description = "Photos whose URL was already in the album",
					requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int duplicate,
			@Schema(description = "Photos that could not be written (listJobFailures lists them)",
					requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int failed,
			@Schema(description = "Photos that never landed because the job was cancelled",
					requiredMode = Schema.RequiredMode.REQUIRED, example = "0") int cancelled) {

	}

}
