package io.sluice.api.job.events;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobView;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of one job's views. It remembers the version it last sent, so that
 * it sends a view only when the job has changed, and when it last wrote, so that it sends
 * a heartbeat only when it has been silent. After it is registered only the poller's
 * thread writes to it.
 */
final class JobEventStream {

	/** The SSE event name of a job view. */
	static final String EVENT_NAME = "job";

	/** The SSE comment of a heartbeat (a line {@code : keep-alive}). */
	static final String HEARTBEAT = " keep-alive";

	private final UUID jobId;

	private final SseEmitter emitter;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile long sentVersion;

	private volatile long lastWriteNanos;

	JobEventStream(UUID jobId, SseEmitter emitter, long sentVersion, long nowNanos) {
		this.jobId = jobId;
		this.emitter = emitter;
		this.sentVersion = sentVersion;
		this.lastWriteNanos = nowNanos;
	}

	UUID jobId() {
		return this.jobId;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * Sends the job's view if it is newer than the last one sent (or than the one the
	 * client said it has).
	 * @param job the job as read
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return whether it was sent
	 * @throws IOException if the client has gone away
	 */
	boolean sendIfNewer(Job job, long nowNanos) throws IOException {
		long version = job.version();
		if (version <= this.sentVersion) {
			return false;
		}
		this.emitter.send(SseEmitter.event()
			.id(Long.toString(version))
			.name(EVENT_NAME)
			.data(JobView.of(job), MediaType.APPLICATION_JSON));
		this.sentVersion = version;
		this.lastWriteNanos = nowNanos;
		return true;
	}

	/**
	 * Sends a heartbeat comment if the stream has been silent for the interval.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param intervalNanos the heartbeat interval
	 * @throws IOException if the client has gone away
	 */
	void heartbeatIfSilent(long nowNanos, long intervalNanos) throws IOException {
		if (nowNanos - this.lastWriteNanos >= intervalNanos) {
			heartbeat(nowNanos);
		}
	}

	/**
	 * Sends a heartbeat comment now.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @throws IOException if the client has gone away
	 */
	void heartbeat(long nowNanos) throws IOException {
		this.emitter.send(SseEmitter.event().comment(HEARTBEAT));
		this.lastWriteNanos = nowNanos;
	}

	/**
	 * Marks the stream closed.
	 * @return {@code true} the first time only
	 */
	boolean markClosed() {
		return this.closed.compareAndSet(false, true);
	}

	/**
	 * The version a client last saw, from its {@code Last-Event-ID} header.
	 * @param lastEventId the header, or {@code null}
	 * @return the version, or 0 (older than any job) if the header is missing or not a
	 * version this API sent
	 */
	static long resumeAfter(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return 0;
		}
		try {
			return Math.max(0, Long.parseLong(lastEventId.trim()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
