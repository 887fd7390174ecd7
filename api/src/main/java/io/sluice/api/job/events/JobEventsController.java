package io.sluice.api.job.events;

import java.io.IOException;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobIds;
import io.sluice.api.job.JobNotFoundException;
import io.sluice.api.job.JobRepository;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams one of the caller's jobs as server-sent events, at
 * {@code /api/v1/jobs/{id}/events}.
 */
@RestController
@RequestMapping("/api/v1/jobs")
// the OpenAPI tag springdoc derived from the class that served this endpoint until ADR
// 0031: generated clients group operations by tag, so it stays
@Tag(name = "job-controller")
class JobEventsController {

	/**
	 * The header with which a reconnecting {@code EventSource} names the last event it
	 * has.
	 */
	static final String LAST_EVENT_ID = "Last-Event-ID";

	private final JobRepository jobs;

	private final JobEventStreams streams;

	JobEventsController(JobRepository jobs, JobEventStreams streams) {
		this.jobs = jobs;
		this.streams = streams;
	}

	/**
	 * Streams the job's views as server-sent events (ADR 0022): an event {@code job} with
	 * the view each time the job changes, its version as {@code id}, a heartbeat comment
	 * when the stream has been silent, and after the final view of a job that has ended
	 * the stream closes. A client that sends {@code Last-Event-ID} gets only views newer
	 * than that one; if it already has the final view, 204 (which tells
	 * {@code EventSource} to stop reconnecting). Another owner's job is a 404 before the
	 * stream starts.
	 */
	@GetMapping("/{id}/events")
	ResponseEntity<SseEmitter> events(@PathVariable String id,
			@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId, Authentication caller)
			throws IOException {
		Job job = this.jobs.find(JobIds.parse(id), caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
		SseEmitter emitter = this.streams.open(job, JobEventStream.resumeAfter(lastEventId));
		if (emitter == null) {
			return ResponseEntity.noContent().build();
		}
		// tells a reverse proxy such as nginx not to buffer the stream
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
	}

}
