package io.sluice.api.job.submit;

import java.net.URI;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobEta;
import io.sluice.api.job.JobView;
import io.sluice.api.job.submit.JobSubmission.Submitted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@Tag(name = "jobs")
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
	@Operation(operationId = "submitJob", summary = "Submit an import job",
			description = "Records the job and queues its photos; the answer does not wait for them to be written. "
					+ "Follow the job at its Location, or as events.")
	@Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = false,
			description = "Makes retries safe: the same key and body give the same job (202, "
					+ "Idempotent-Replayed: true), the same key with another body a 422. 1-255 printable ASCII "
					+ "characters, for example a UUID; kept for sluice.api.jobs.idempotency-key-ttl.",
			schema = @Schema(type = "string", minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH,
					pattern = "^[\\x20-\\x7E]+$", example = "0b9d6f5e-4c1a-4f0e-9a57-2f3c1d7e8a10"))
	@ApiResponse(responseCode = "202",
			description = "The job is recorded and its photos are queued (or, with an "
					+ "Idempotency-Key already used for this request, the job it named)",
			headers = {
					@Header(name = HttpHeaders.LOCATION, description = "The job: /api/v1/jobs/{id}",
							schema = @Schema(type = "string", format = "uri-reference")),
					@Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until the job is worth a first look",
							schema = @Schema(type = "integer", minimum = "0")),
					@Header(name = IDEMPOTENT_REPLAYED,
							description = "true when the answer is an earlier request's job, named by its "
									+ "Idempotency-Key",
							schema = @Schema(type = "string", allowableValues = "true")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = JobView.class)))
	ResponseEntity<JobView> submit(@RequestBody JobRequest request,
			@Parameter(hidden = true) @RequestHeader HttpHeaders headers, Authentication caller) {
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
