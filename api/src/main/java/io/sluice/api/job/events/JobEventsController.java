package io.sluice.api.job.events;

import java.io.IOException;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobIds;
import io.sluice.api.job.JobNotFoundException;
import io.sluice.api.job.JobRepository;
import io.sluice.api.job.JobId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
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
@Tag(name = "job-events")
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
	@Operation(operationId = "streamJobEvents", summary = "Stream a job's progress as server-sent events",
			description = "An EventSource stream. Each change of the job is an event `job` whose `data` is the job's "
					+ "view as JSON (the schema JobView, as getJob answers it) and whose `id` is that view's version; "
					+ "a comment (`: heartbeat`) comes when the stream has been silent. After the final view of a "
					+ "job that has ended, the stream closes.")
	@Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER, required = false,
			description = "The id of the last event the client has, sent by a reconnecting EventSource: only newer "
					+ "views follow",
			schema = @Schema(type = "string", example = "1795812841357955"))
	@ApiResponse(responseCode = "200", description = "The stream of the job's views", content = @Content(
			mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
			schema = @Schema(type = "string", description = "text/event-stream; each event's data is a JobView"),
			examples = @ExampleObject(name = "progress",
					value = "event: job\nid: 1795812841357955\ndata: {\"id\":\"3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4\","
							+ "\"albumId\":42,\"status\":\"RUNNING\",\"photos\":{\"total\":1000,\"written\":400,"
							+ "\"duplicate\":0,\"failed\":0,\"cancelled\":0}, ...}\n\n: heartbeat\n\n")))
	@ApiResponse(responseCode = "204",
			description = "The client already has the final view of a job that has ended (its Last-Event-ID): "
					+ "EventSource stops reconnecting",
			content = @Content)
	ResponseEntity<SseEmitter> events(@PathVariable @JobId String id,
			@Parameter(hidden = true) @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
			Authentication caller) throws IOException {
		Job job = this.jobs.find(JobIds.parse(id), caller.getName()).orElseThrow(() -> new JobNotFoundException(id));
		SseEmitter emitter = this.streams.open(job, JobEventStream.resumeAfter(lastEventId));
		if (emitter == null) {
			return ResponseEntity.noContent().build();
		}
		// tells a reverse proxy such as nginx not to buffer the stream
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
	}

}
