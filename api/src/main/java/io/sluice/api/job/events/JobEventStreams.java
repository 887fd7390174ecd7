package io.sluice.api.job.events;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.sluice.api.job.Job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The job event streams open on this API instance: opens them (at most
 * {@code sluice.api.events.max-streams}), hands each the jobs the {@link JobEventPoller}
 * read, sends heartbeats, and forgets a stream as soon as it completes, times out, fails
 * or its client goes away. Holds no thread and no connection of its own.
 */
class JobEventStreams {

	private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

	private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger slots = new AtomicInteger();

	private final JobEventsProperties properties;

	private final long heartbeatNanos;

	JobEventStreams(JobEventsProperties properties) {
		this.properties = properties;
		this.heartbeatNanos = properties.heartbeatInterval().toNanos();
	}

	/**
	 * Opens a stream of a job the caller owns. Its first write goes out at once: the
	 * job's view if it is newer than {@code resumeAfter}, else a heartbeat. A job that
	 * has ended gets its final view and the stream completes; it takes no slot.
	 * @param job the job as just read
	 * @param resumeAfter the version the client already has (0 if none)
	 * @return the emitter, or {@code null} if the job has ended and the client already
	 * has its final view: nothing more will ever be sent
	 * @throws TooManyJobStreamsException if every slot is taken
	 * @throws IOException if the first write fails
	 */
	SseEmitter open(Job job, long resumeAfter) throws IOException {
		boolean ended = job.status().isTerminal();
		if (ended && job.version() <= resumeAfter) {
			return null;
		}
		if (!ended && this.slots.incrementAndGet() > this.properties.maxStreams()) {
			this.slots.decrementAndGet();
			throw new TooManyJobStreamsException(this.properties.maxStreams());
		}
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		JobEventStream stream = new JobEventStream(job.id(), emitter, resumeAfter, System.nanoTime());
		try {
			if (!stream.sendIfNewer(job, System.nanoTime())) {
				stream.heartbeat(System.nanoTime());
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!ended) {
				this.slots.decrementAndGet();
			}
			throw ex;
		}
		if (ended) {
			emitter.complete();
			return emitter;
		}
		emitter.onTimeout(emitter::complete);
		emitter.onCompletion(() -> forget(stream));
		emitter.onError((failure) -> forget(stream));
		this.open.add(stream);
		return emitter;
	}

	/**
	 * The jobs at least one open stream watches.
	 * @return their ids
	 */
	Set<UUID> watchedJobs() {
		return this.open.stream().map(JobEventStream::jobId).collect(Collectors.toSet());
	}

	/**
	 * Sends every stream its job's view if it changed, completes the streams whose job
	 * has ended (after its final view) or no longer exists, and sends a heartbeat to
	 * every stream that has been silent for the heartbeat interval. A stream that opened
	 * after the jobs were read, on a job that was not read, waits for the next tick.
	 * @param read the jobs that were read
	 * @param jobs those of them that exist, by id
	 */
	void deliver(Set<UUID> read, Map<UUID, Job> jobs) {
		for (JobEventStream stream : this.open) {
			Job job = jobs.get(stream.jobId());
			try {
				long now = System.nanoTime();
				if (job == null && read.contains(stream.jobId())) {
					complete(stream);
				}
				else if (job == null) {
					stream.heartbeatIfSilent(now, this.heartbeatNanos);
				}
				else if (stream.sendIfNewer(job, now) && job.status().isTerminal()) {
					complete(stream);
				}
				else {
					stream.heartbeatIfSilent(now, this.heartbeatNanos);
				}
			}
			catch (IOException | RuntimeException ex) {
				gone(stream, ex);
			}
		}
	}

	/**
	 * Sends a heartbeat to every stream that has been silent for the heartbeat interval,
	 * for ticks that could not read the jobs (the database is unavailable).
	 */
	void heartbeat() {
		for (JobEventStream stream : this.open) {
			try {
				stream.heartbeatIfSilent(System.nanoTime(), this.heartbeatNanos);
			}
			catch (IOException | RuntimeException ex) {
				gone(stream, ex);
			}
		}
	}

	/** Completes every stream, so that its client reconnects, to another instance. */
	void completeAll() {
		this.open.forEach(this::complete);
	}

	/**
	 * How many streams are open.
	 * @return the count
	 */
	int size() {
		return this.slots.get();
	}

	private void complete(JobEventStream stream) {
		forget(stream);
		try {
			stream.emitter().complete();
		}
		catch (RuntimeException ex) {
			log.debug("Completing the event stream of job {} failed", stream.jobId(), ex);
		}
	}

	private void gone(JobEventStream stream, Exception ex) {
		log.debug("Event stream of job {} closed: {}", stream.jobId(), ex.toString());
		complete(stream);
	}

	private void forget(JobEventStream stream) {
		if (stream.markClosed()) {
			this.open.remove(stream);
			this.slots.decrementAndGet();
		}
	}

}
