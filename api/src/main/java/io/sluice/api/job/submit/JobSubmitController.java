package io.sluice.api.job.submit;

import java.net.URI;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobEta;
import io.sluice.api.job.JobView;
import io.sluice.api.job.submit.JobSubmission.Submitted;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Submits import jobs: {@code POST /api/v1/jobs}. The caller (the token's subject) owns
 * the jobs it submits.
 */
@RestController
@RequestMapping("/api/v1/jobs")
// the OpenAPI tag springdoc derived from the class that served this endpoint until ADR
// 0031: generated clients group operations by tag, so it stays
@Tag(name = "job-controller")
class JobSubmitController {

	/** Marks an answer to a request whose idempotency key already named the job. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final JobSubmission submission;

	JobSubmitController(JobSubmission submission) {
		this.submission = submission;
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

}
