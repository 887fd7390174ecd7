package io.sluice.api.job;

import java.util.Optional;
import java.util.UUID;

import io.sluice.common.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports on one import job and cancels it. The caller (the token's subject) sees only
 * the jobs it submitted; another owner's job is not found. Submitting, event streams and
 * listings have controllers of their own, in their feature packages.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private static final Logger log = LoggerFactory.getLogger(JobController.class);

	private final JobRepository jobs;

	JobController(JobRepository jobs) {
		this.jobs = jobs;
	}

	/**
	 * The job's view; while the job has not ended, with {@code Retry-After} saying when
	 * to look again ({@link JobEta#retryAfterSeconds(Job)}).
	 */
	@GetMapping("/{id}")
	ResponseEntity<JobView> get(@PathVariable String id, Authentication caller) {
		Job job = this.jobs.find(JobIds.parse(id), caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
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

}
