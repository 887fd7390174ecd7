package io.sluice.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reconciler's memory: since when it has seen each open job unchanged. It is the only
 * clock a verdict uses. The job's own {@code updated_at} goes stale during a database or
 * broker outage, or while every worker is down, without the job being lost; this watch
 * starts over whenever it was interrupted (a restart, a failed tick, a gap longer than
 * {@code maxGap}), so such an outage can only delay a verdict, never hasten it.
 *
 * <p>
 * Not thread-safe: one reconciler's ticks run one after another.
 */
final class JobWatch {

	private final Duration maxGap;

	private final Map<UUID, Watched> watched = new HashMap<>();

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
		Map<UUID, Watched> seen = new HashMap<>();
		List<Watched> result = new ArrayList<>(jobs.size());
		for (OpenJob job : jobs) {
			Watched before = this.watched.get(job.id());
			Watched current = (before != null && before.job().progressMark().equals(job.progressMark()))
					? before.seenAgain(job, now) : new Watched(job, now, now, false);
			seen.put(job.id(), current);
			result.add(current);
		}
		this.watched.clear();
		this.watched.putAll(seen);
		return result;
	}

	/** Marks a job as reported stalled, so that it is reported once per watch. */
	void reported(UUID jobId) {
		this.watched.computeIfPresent(jobId, (id, watch) -> watch.asReported());
	}

	/** Forgets everything: the next observation starts every watch over. */
	void interrupt() {
		this.watched.clear();
		this.lastObservation = null;
	}

	/**
	 * One job as watched.
	 *
	 * @param job its latest reading
	 * @param unchangedSince the first reading of an unbroken run that all looked like
	 * this one
	 * @param readAt the latest reading's time
	 * @param reported whether it was reported stalled during this run
	 */
	record Watched(OpenJob job, Instant unchangedSince, Instant readAt, boolean reported) {

		Duration unchangedFor() {
			return Duration.between(this.unchangedSince, this.readAt);
		}

		private Watched seenAgain(OpenJob again, Instant at) {
			return new Watched(again, this.unchangedSince, at, this.reported);
		}

		private Watched asReported() {
			return new Watched(this.job, this.unchangedSince, this.readAt, true);
		}

	}

}
