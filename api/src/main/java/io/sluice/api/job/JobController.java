package io.sluice.api.job;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import io.sluice.api.job.JobSubmission.Submitted;
import io.sluice.common.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submits import jobs, reports on them and cancels them; their event streams have a
 * controller of their own, in {@code job.events}. The caller (the token's subject) owns
 * the jobs it submits and sees no one else's.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private static final Logger log = LoggerFactory.getLogger(JobController.class);

	/** Marks an answer to a request whose idempotency key already named the job. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final JobSubmission submission;

	private final JobRepository jobs;

	JobController(JobSubmission submission, JobRepository jobs) {
		this.submission = submission;
		this.jobs = jobs;
	}

	/**
	 * Submits a job: 202 with its view. With an {@code Idempotency-Key} that already
	 * names a job of the caller created from the same request, that job's current view,
	 * again 202, with {@code Idempotent-Replayed: true}.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> submit(@RequestBody JobRequest request, @RequestHeader HttpHeaders headers,
			Authentication caller) {
		IdempotencyKey key = IdempotencyKey.from(headers.get(IdempotencyKey.HEADER));
		Submitted submitted = this.submission.submit(caller.getName(), request, key);
		Job job = submitted.job();
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted()
			.location(URI.create("/api/v1/jobs/" + job.id()))
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(JobEta.retryAfterSeconds(job)));
		if (submitted.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(JobView.of(job));
	}

	/**
	 * The job's view; while the job has not ended, with {@code Retry-After} saying when
	 * to look again ({@link JobEta#retryAfterSeconds(Job)}).
	 */
	@GetMapping("/{id}")
	ResponseEntity<JobView> get(@PathVariable String id, Authentication caller) {
		Job job = find(id, caller);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (!job.status().isTerminal()) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(JobEta.retryAfterSeconds(job)));
		}
		return response.body(JobView.of(job));
	}

	/**
	 * Cancels a job that has not ended: 202 with its final view, {@code CANCELLED}, whose
	 * {@code written} is every photo that will ever land and whose {@code cancelled} is
	 * the rest (ADR 0021). Cancelling a cancelled job again answers the same; cancelling
	 * a job that ended otherwise is a 409.
	 */
	@DeleteMapping("/{id}")
	ResponseEntity<JobView> cancel(@PathVariable String id, Authentication caller) {
		UUID jobId = JobIds.parse(id);
		Optional<Job> cancelled = this.jobs.cancel(jobId, caller.getName());
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

	/**
	 * Finds a job of the caller.
	 * @param id the job's id as the client sent it
	 * @param caller the caller
	 * @return the job
	 * @throws JobNotFoundException if the id is malformed, unknown or another owner's
	 */
	private Job find(String id, Authentication caller) {
		return this.jobs.find(JobIds.parse(id), caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
	}

}
