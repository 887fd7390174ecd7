package io.sluice.api.job.events;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import io.sluice.api.job.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The job event streams open on this API instance: opens them (within the
 * {@link StreamSlots}), queues for each the views and heartbeats of the jobs the
 * {@link JobEventPoller} read, and forgets a stream as soon as it completes, times out,
 * fails, its client goes away, falls {@code max-queued-events} behind or does not read
 * for {@code write-timeout}. The {@link StreamWriter} does the writing; this class holds
 * no thread and no connection of its own, and never blocks on a client.
 */
class JobEventStreams {

	private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

	private final Set<JobEventStream> open = ConcurrentHashMap.newKeySet();

	private final StreamSlots slots;

	private final StreamWriter writer;

	private final JobEventsProperties properties;

	private final long heartbeatNanos;

	private final long writeTimeoutNanos;

	JobEventStreams(JobEventsProperties properties, Executor writerThreads) {
		this.properties = properties;
		this.slots = new StreamSlots(properties.maxStreams(), properties.maxStreamsPerOwner());
		this.writer = new StreamWriter(writerThreads, this::gone);
		this.heartbeatNanos = properties.heartbeatInterval().toNanos();
		this.writeTimeoutNanos = properties.writeTimeout().toNanos();
	}

	/**
	 * Opens a stream of a job the caller owns. Its first write goes out at once, on the
	 * caller's thread, before the response starts: the job's view if it is newer than
	 * {@code resumeAfter}, else a heartbeat. A job that has ended gets its final view and
	 * the stream completes; it takes no slot.
	 * @param job the job as just read
	 * @param resumeAfter the version the client already has (0 if none)
	 * @return the emitter, or {@code null} if the job has ended and the client already
	 * has its final view: nothing more will ever be sent
	 * @throws TooManyOwnerStreamsException if the owner holds its share of the slots
	 * @throws TooManyJobStreamsException if every slot is taken
	 * @throws IOException if the first write fails
	 */
	SseEmitter open(Job job, long resumeAfter) throws IOException {
		boolean ended = job.status().isTerminal();
		if (ended && job.version() <= resumeAfter) {
			return null;
		}
		if (!ended) {
			this.slots.take(job.owner());
		}
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		long now = System.nanoTime();
		JobEventStream stream = new JobEventStream(job, emitter, resumeAfter, this.properties.maxQueuedEvents(), now);
		try {
			SseEventBuilder first = stream.viewIfNewer(job, now);
			emitter.send((first != null) ? first : stream.heartbeat(now));
		}
		catch (IOException | RuntimeException ex) {
			if (!ended) {
				this.slots.release(job.owner());
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
	 * Queues for every stream its job's view if it changed, ends the streams whose job
	 * has ended (after its final view) or no longer exists, and queues a heartbeat for
	 * every stream that has been silent for the heartbeat interval. A stream that opened
	 * after the jobs were read, on a job that was not read, waits for the next tick.
	 * @param read the jobs that were read
	 * @param jobs those of them that exist, by id
	 */
	void deliver(Set<UUID> read, Map<UUID, Job> jobs) {
		long now = System.nanoTime();
		for (JobEventStream stream : this.open) {
			if (stalled(stream, now)) {
				continue;
			}
			Job job = jobs.get(stream.jobId());
			if (job == null && read.contains(stream.jobId())) {
				end(stream, false);
				continue;
			}
			SseEventBuilder view = (job != null) ? stream.viewIfNewer(job, now) : null;
			if (view != null && job.status().isTerminal()) {
				if (stream.enqueue(view)) {
					end(stream, false);
				}
				else {
					end(stream, true);
				}
				continue;
			}
			queue(stream, (view != null) ? view : stream.heartbeatIfSilent(now, this.heartbeatNanos));
		}
	}

	/**
	 * Queues a heartbeat for every stream that has been silent for the heartbeat
	 * interval, for ticks that could not read the jobs (the database is unavailable).
	 */
	void heartbeat() {
		long now = System.nanoTime();
		for (JobEventStream stream : this.open) {
			if (!stalled(stream, now)) {
				queue(stream, stream.heartbeatIfSilent(now, this.heartbeatNanos));
			}
		}
	}

	/** Ends every stream, so that its client reconnects, to another instance. */
	void completeAll() {
		this.open.forEach((stream) -> end(stream, false));
	}

	/**
	 * How many streams are open.
	 * @return the count
	 */
	int size() {
		return this.slots.taken();
	}

	/**
	 * How many streams an owner has open.
	 * @param owner the owner
	 * @return the count
	 */
	int openBy(String owner) {
		return this.slots.heldBy(owner);
	}

	private void queue(JobEventStream stream, SseEventBuilder event) {
		if (event == null) {
			return;
		}
		if (stream.enqueue(event)) {
			this.writer.schedule(stream);
		}
		else {
			log.debug("Event stream of job {} fell {} events behind; ending it with a reconnect event", stream.jobId(),
					this.properties.maxQueuedEvents());
			end(stream, true);
		}
	}

	private boolean stalled(JobEventStream stream, long now) {
		if (!stream.writeStalled(now, this.writeTimeoutNanos)) {
			return false;
		}
		log.debug("Event stream of job {} has not been read for {}; freeing its slot", stream.jobId(),
				this.properties.writeTimeout());
		end(stream, false);
		return true;
	}

	private void end(JobEventStream stream, boolean reconnect) {
		forget(stream);
		stream.end(reconnect);
		this.writer.schedule(stream);
	}

	private void gone(JobEventStream stream, Exception ex) {
		log.debug("Event stream of job {} closed: {}", stream.jobId(), ex.toString());
		forget(stream);
	}

	private void forget(JobEventStream stream) {
		if (stream.markClosed()) {
			this.open.remove(stream);
			this.slots.release(stream.owner());
		}
	}

}
