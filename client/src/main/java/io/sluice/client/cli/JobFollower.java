package io.sluice.client.cli;

import java.io.PrintWriter;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.sluice.client.ApiException;
import io.sluice.client.ApiResponse;
import io.sluice.client.model.JobView;

/**
 * Follows a job until it ends: on its event stream, resumed with {@code Last-Event-ID}
 * when the server closes it early, and, once the stream cannot be opened or breaks off,
 * by polling {@code getJob} instead, sending the last {@code ETag} as
 * {@code If-None-Match} (an unchanged job is a bodiless {@code 304}) and waiting the
 * {@code Retry-After} the API answers between polls.
 */
final class JobFollower {

	/** Three heartbeats of the API's longest interval. */
	static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(45);

	static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(30);

	/** Streams in a row that may end without news before polling takes over. */
	private static final int MAX_IDLE_STREAMS = 3;

	private final Api api;

	private final Retries retries;

	private final JobEvents events;

	private final PrintWriter err;

	private final boolean stream;

	/**
	 * A follower.
	 * @param api the API
	 * @param retries the retries of each poll
	 * @param events the event stream reader
	 * @param err standard error, for the switch to polling
	 * @param stream whether to try the event stream first ({@code false} with
	 * {@code --poll})
	 */
	JobFollower(Api api, Retries retries, JobEvents events, PrintWriter err, boolean stream) {
		this.api = api;
		this.retries = retries;
		this.events = events;
		this.err = err;
		this.stream = stream;
	}

	/**
	 * Waits for a job to end.
	 * @param id the job
	 * @param onView takes each view of it as it comes
	 * @return its final view
	 * @throws ApiFailure if a poll was refused for good (the job is unknown, say)
	 */
	JobView follow(UUID id, Consumer<JobView> onView) {
		JobView[] last = new JobView[1];
		Consumer<JobView> remember = (view) -> {
			last[0] = view;
			onView.accept(view);
		};
		if (this.stream) {
			String lastEventId = null;
			int idleStreams = 0;
			while (idleStreams < MAX_IDLE_STREAMS) {
				JobView before = last[0];
				try {
					JobEvents.Outcome outcome = this.events.follow(id, lastEventId, remember);
					lastEventId = outcome.lastEventId();
					if (last[0] != null && ExitCodes.ended(last[0].getStatus())) {
						return last[0];
					}
					if (outcome.end() == JobEvents.End.NO_CONTENT) {
						break;
					}
					idleStreams = (last[0] == before) ? idleStreams + 1 : 0;
					// as EventSource would, and as the reconnect event asks
					this.retries.sleep(RECONNECT_DELAY);
				}
				catch (JobEvents.StreamFailure ex) {
					this.err
						.println("sluice: the event stream of job " + id + " " + ex.getMessage() + "; polling instead");
					this.err.flush();
					break;
				}
			}
		}
		return poll(id, remember);
	}

	private JobView poll(UUID id, Consumer<JobView> onView) {
		String etag = null;
		JobView last = null;
		while (true) {
			String ifNoneMatch = etag;
			Poll poll = this.retries.call("get job " + id, () -> get(id, ifNoneMatch));
			if (poll.view() != null) {
				last = poll.view();
				etag = poll.headers().firstValue("ETag").orElse(null);
				onView.accept(last);
			}
			if (last != null && ExitCodes.ended(last.getStatus())) {
				return last;
			}
			Duration pause = Retries.retryAfter(poll.headers()).orElse(DEFAULT_POLL_INTERVAL);
			this.retries.sleep((pause.compareTo(MAX_POLL_INTERVAL) > 0) ? MAX_POLL_INTERVAL : pause);
		}
	}

	private Poll get(UUID id, String ifNoneMatch) throws ApiException {
		try {
			ApiResponse<JobView> response = this.api.jobs().getJobWithHttpInfo(id, ifNoneMatch);
			return new Poll(response.getData(), headers(response.getHeaders()));
		}
		catch (ApiException ex) {
			if (ex.getCode() == 304) {
				return new Poll(null, ex.getResponseHeaders());
			}
			throw ex;
		}
	}

	private static HttpHeaders headers(Map<String, List<String>> headers) {
		return HttpHeaders.of((headers != null) ? headers : Map.of(), (name, value) -> true);
	}

	/**
	 * One poll's answer.
	 *
	 * @param view the job's view; {@code null} for a {@code 304}
	 * @param headers the answer's headers
	 */
	private record Poll(JobView view, HttpHeaders headers) {
	}

}
