package io.sluice.api.job;

import java.util.Optional;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports on one import job and cancels it. The caller (the token's subject) sees only
 * the jobs it submitted; another owner's job is not found. Submitting, event streams and
 * listings have controllers of their own, in their feature packages.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs")
class JobController {

	private static final Logger log = LoggerFactory.getLogger(JobController.class);

	private static final String ETAG_DESCRIPTION = "The view's version, weak (W/\"<version>\"; it moves with the "
			+ "job and, once the job has ended, with its callback's delivery): send it back as If-None-Match";

	private final JobRepository jobs;

	private final RecentJobs recent;

	JobController(JobRepository jobs, RecentJobs recent) {
		this.jobs = jobs;
		this.recent = recent;
	}

	/**
	 * The job's view with its {@code ETag}; while the job has not ended, with
	 * {@code Retry-After} saying when to look again
	 * ({@link JobEta#retryAfterSeconds(Job)}). A job this instance's event poller has
	 * just read (it is streamed, or was polled in the last
	 * {@code sluice.api.events.polled-job-ttl}) is answered from that read, without a
	 * statement of its own (ADR 0039). {@code If-None-Match} naming the current view is a
	 * 304 without a body; it is looked at only once the job is known to be the caller's,
	 * so another owner's job stays a 404.
	 */
	@GetMapping("/{id}")
	@Operation(operationId = "getJob", summary = "Get a job's view",
			description = "Its status and counters; while it runs, Retry-After says when to look again.")
	@Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, required = false,
			description = "Entity tags of views the client has (RFC 9110), such as the ETag of its last answer; "
					+ "if one is the job's current view the answer is 304 without a body",
			schema = @Schema(type = "string", example = "W/\"1795812841357955\""))
	@ApiResponse(responseCode = "200", description = "The job's view",
			headers = {
					@Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.RETRY_AFTER,
							description = "Seconds until the next look, while the job has not ended",
							schema = @Schema(type = "integer")) })
	@ApiResponse(responseCode = "304", description = "The view named in If-None-Match is current; no body",
			headers = {
					@Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION, schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.RETRY_AFTER,
							description = "Seconds until the next look, while the job has not ended",
							schema = @Schema(type = "integer")) },
			content = @Content)
	ResponseEntity<JobView> get(@PathVariable @JobId String id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			Authentication caller) {
		UUID jobId = JobIds.parse(id);
		String owner = caller.getName();
		Job job = this.recent.fresh(jobId)
			.filter((read) -> read.owner().equals(owner))
			// another owner's job takes the same path as an unknown one: one statement
			.or(() -> this.jobs.find(jobId, owner))
			.orElseThrow(() -> new JobNotFoundException(id));
		this.recent.polled(jobId);
		ResponseEntity.BodyBuilder response = EntityTags.matches(ifNoneMatch, job)
				? ResponseEntity.status(HttpStatus.NOT_MODIFIED) : ResponseEntity.ok();
		response.eTag(EntityTags.of(job));
		if (!job.status().isTerminal()) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(JobEta.retryAfterSeconds(job)));
		}
		return EntityTags.matches(ifNoneMatch, job) ? response.build() : response.body(JobView.of(job));
	}

	/**
	 * Cancels a job that has not ended: 202 with its final view, {@code CANCELLED}, whose
	 * {@code written} is every photo that will ever land and whose {@code cancelled} is
	 * the rest (ADR 0021). Cancelling a cancelled job again answers the same; cancelling
	 * a job that ended otherwise is a 409.
	 */
	@DeleteMapping("/{id}")
	@Operation(operationId = "cancelJob", summary = "Cancel a job",
			description = "Stops a job that has not ended: no photo of it lands after the answer. Cancelling a "
					+ "cancelled job again answers the same.")
	@ApiResponse(responseCode = "202", description = "The job is CANCELLED: its final view")
	ResponseEntity<JobView> cancel(@PathVariable @JobId String id, Authentication caller) {
		UUID jobId = JobIds.parse(id);
		Optional<Job> cancelled = this.jobs.cancel(jobId, caller.getName());
		this.recent.forget(jobId);
		if (cancelled.isPresent()) {
			Job job = cancelled.get();
			log.info("Job {} cancelled by its owner: {} of {} photos written, {} never will be", jobId, job.written(),
					job.totalPhotos(), job.cancelled());
			return ResponseEntity.accepted().body(JobView.of(job));
		}
		Job ended = this.jobs.find(jobId, caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
		if (ended.status() != JobStatus.CANCELLED) {
			throw new JobTerminalException(ended.id(), ended.status());
		}
		return ResponseEntity.accepted().body(JobView.of(ended));
	}

}
