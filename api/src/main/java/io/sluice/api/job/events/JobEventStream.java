package io.sluice.api.job.events;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobView;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One client's stream of one job's views. It remembers the version it last queued, so
 * that it queues a view only when the job has changed, and when it last queued anything,
 * so that it queues a heartbeat only when it has been silent. Events wait in a bounded
 * queue for a {@link StreamWriter} thread; the poller only ever adds to the queue, so a
 * client that stops reading never holds it up.
 */
final class JobEventStream {

	/** The SSE event name of a job view. */
	static final String EVENT_NAME = "job";

	/** The SSE comment of a heartbeat (a line {@code : keep-alive}). */
	static final String HEARTBEAT = " keep-alive";

	/** The SSE event name of the last event of a stream that fell behind. */
	static final String RECONNECT_EVENT = "reconnect";

	/** The reconnection delay ({@code retry:}) the reconnect event asks for. */
	static final long RECONNECT_AFTER_MILLIS = 1_000;

	/** Queued after the last event of a stream: the writer completes the emitter. */
	static final SseEventBuilder END = SseEmitter.event();

	private final UUID jobId;

	private final String owner;

	private final SseEmitter emitter;

	private final BlockingQueue<SseEventBuilder> queue;

	private final int maxQueued;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile long sentVersion;

	private volatile long lastWriteNanos;

	private volatile long writingSinceNanos;

	private volatile boolean writing;

	JobEventStream(Job job, SseEmitter emitter, long sentVersion, int maxQueued, long nowNanos) {
		this.jobId = job.id();
		this.owner = job.owner();
		this.emitter = emitter;
		this.sentVersion = sentVersion;
		this.lastWriteNanos = nowNanos;
		// room for the reconnect event and END after maxQueued events
		this.queue = new ArrayBlockingQueue<>(maxQueued + 2);
		this.maxQueued = maxQueued;
	}

	UUID jobId() {
		return this.jobId;
	}

	String owner() {
		return this.owner;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * The job's view as an event if it is newer than the last one queued (or than the one
	 * the client said it has); remembers it as queued.
	 * @param job the job as read
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the event, or {@code null} if the client has this view already
	 */
	SseEventBuilder viewIfNewer(Job job, long nowNanos) {
		long version = job.version();
		if (version <= this.sentVersion) {
			return null;
		}
		this.sentVersion = version;
		this.lastWriteNanos = nowNanos;
		return SseEmitter.event()
			.id(Long.toString(version))
			.name(EVENT_NAME)
			.data(JobView.of(job), MediaType.APPLICATION_JSON);
	}

	/**
	 * A heartbeat comment if the stream has been silent for the interval.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param intervalNanos the heartbeat interval
	 * @return the comment, or {@code null} if the stream has not been silent that long
	 */
	SseEventBuilder heartbeatIfSilent(long nowNanos, long intervalNanos) {
		return (nowNanos - this.lastWriteNanos >= intervalNanos) ? heartbeat(nowNanos) : null;
	}

	/**
	 * A heartbeat comment, remembered as the last write.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the comment
	 */
	SseEventBuilder heartbeat(long nowNanos) {
		this.lastWriteNanos = nowNanos;
		return SseEmitter.event().comment(HEARTBEAT);
	}

	/**
	 * Queues an event for the writer.
	 * @param event the event
	 * @return {@code false} if {@code max-queued-events} events are waiting already
	 */
	boolean enqueue(SseEventBuilder event) {
		return this.queue.size() < this.maxQueued && this.queue.offer(event);
	}

	/**
	 * Queues the stream's end after the events that wait; or, when the client fell
	 * behind, drops them and queues a reconnect event before the end, so that the client
	 * reconnects with {@code Last-Event-ID} at once and gets the current view.
	 * @param reconnect whether the client fell behind
	 */
	void end(boolean reconnect) {
		if (reconnect) {
			this.queue.clear();
			this.queue.offer(SseEmitter.event()
				.name(RECONNECT_EVENT)
				.reconnectTime(RECONNECT_AFTER_MILLIS)
				.data("This stream fell behind; reconnect with Last-Event-ID to resume."));
		}
		this.queue.offer(END);
	}

	/**
	 * The next event to write.
	 * @return the event, or {@code null} if none waits
	 */
	SseEventBuilder next() {
		return this.queue.poll();
	}

	/**
	 * Whether events wait.
	 * @return whether the queue holds any
	 */
	boolean hasQueued() {
		return !this.queue.isEmpty();
	}

	/**
	 * Claims the stream for one writer thread.
	 * @return {@code true} if no writer was draining it
	 */
	boolean claimDrain() {
		return this.draining.compareAndSet(false, true);
	}

	/** Gives the stream up; another writer may drain it. */
	void releaseDrain() {
		this.draining.set(false);
	}

	/**
	 * Marks a write as started.
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	void writeStarted(long nowNanos) {
		this.writingSinceNanos = nowNanos;
		this.writing = true;
	}

	/** Marks the write as done. */
	void writeDone() {
		this.writing = false;
	}

	/**
	 * Whether a write has been blocked (the client not reading) for longer than a
	 * timeout.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param timeoutNanos the write timeout
	 * @return whether it has
	 */
	boolean writeStalled(long nowNanos, long timeoutNanos) {
		return this.writing && nowNanos - this.writingSinceNanos > timeoutNanos;
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
