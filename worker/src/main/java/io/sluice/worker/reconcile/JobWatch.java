package io.sluice.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The reconciler's memory: since when it has seen each open job unchanged, and what the
 * chunk topic held when that watch began. It is the only clock a verdict uses. The job's
 * own {@code updated_at} goes stale during a database or broker outage, or while every
 * worker is down, without the job being lost; this watch starts over whenever it was
 * interrupted (a restart, a failed tick, a gap longer than {@code maxGap}), so such an
 * outage can only delay a verdict, never hasten it.
 *
 * <p>
 * Not thread-safe: one reconciler's ticks run one after another.
 */
final class JobWatch {

	private final Duration maxGap;

	private final Map<UUID, Watched> watched = new LinkedHashMap<>();

	private Instant lastObservation;

	JobWatch(Duration maxGap) {
		this.maxGap = maxGap;
	}

	/**
	 * Records one complete reading of the open jobs.
	 * @param jobs every open job, as read now
	 * @param now when they were read
	 * @return each job with how long it has been watched unchanged, in the order given
	 */
	List<Watched> observe(List<OpenJob> jobs, Instant now) {
		if (this.lastObservation == null || Duration.between(this.lastObservation, now).compareTo(this.maxGap) > 0) {
			this.watched.clear();
		}
		this.lastObservation = now;
		Map<UUID, Watched> seen = new LinkedHashMap<>();
		for (OpenJob job : jobs) {
			Watched before = this.watched.get(job.id());
			Watched current = (before != null && before.job().progressMark().equals(job.progressMark()))
					? before.seenAgain(job, now) : new Watched(job, now, now, null, Set.of());
			seen.put(job.id(), current);
		}
		this.watched.clear();
		this.watched.putAll(seen);
		return List.copyOf(seen.values());
	}

	/** Every job of the latest reading, as watched now. */
	List<Watched> watched() {
		return new ArrayList<>(this.watched.values());
	}

	/** Remembers that the job was told about, so that it is told once per watch. */
	void noticed(UUID jobId, Notice notice) {
		this.watched.computeIfPresent(jobId, (id, watch) -> watch.with(notice));
	}

	/**
	 * Records the chunk topic's end offsets for a watch that has none yet, unless that
	 * watch has ended meanwhile.
	 * @param watchStart the {@link Watched#unchangedSince()} of the watch they belong to
	 */
	void recordTopicEnds(UUID jobId, Instant watchStart, TopicEnds ends) {
		this.watched.computeIfPresent(jobId,
				(id, watch) -> (watch.unchangedSince().equals(watchStart) && watch.topicEnds() == null)
						? watch.withTopicEnds(ends) : watch);
	}

	/** Forgets everything: the next observation starts every watch over. */
	void interrupt() {
		this.watched.clear();
		this.lastObservation = null;
	}

	/** What a job is told about, once per watch. */
	enum Notice {

		/** It has made no progress for the stall warning. */
		STALLED,
		/** Its verdict waits for the workers to consume what was on the topic. */
		WAITING_FOR_WORKERS,
		/** Its verdict waits for Kafka to answer. */
		WAITING_FOR_KAFKA

	}

	/**
	 * One job as watched.
	 *
	 * @param job its latest reading
	 * @param unchangedSince the first reading of an unbroken run that all looked like
	 * this one
	 * @param readAt the latest reading's time
	 * @param topicEnds the chunk topic's end offsets read just after this run's first
	 * reading (or later, if Kafka did not answer then); {@code null} until read
	 * @param notices what it was told about during this run
	 */
	record Watched(OpenJob job, Instant unchangedSince, Instant readAt, TopicEnds topicEnds, Set<Notice> notices) {

		Watched {
			notices = Set.copyOf(notices);
		}

		Duration unchangedFor() {
			return Duration.between(this.unchangedSince, this.readAt);
		}

		boolean noticed(Notice notice) {
			return this.notices.contains(notice);
		}

		private Watched seenAgain(OpenJob again, Instant at) {
			return new Watched(again, this.unchangedSince, at, this.topicEnds, this.notices);
		}

		private Watched with(Notice notice) {
			Set<Notice> more = EnumSet.of(notice);
			more.addAll(this.notices);
			return new Watched(this.job, this.unchangedSince, this.readAt, this.topicEnds, more);
		}

		private Watched withTopicEnds(TopicEnds ends) {
			return new Watched(this.job, this.unchangedSince, this.readAt, ends, this.notices);
		}

	}

}
