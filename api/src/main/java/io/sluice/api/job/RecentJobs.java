package io.sluice.api.job;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The jobs this API instance has just read for its event poller, so that {@code GET}
 * {@code /api/v1/jobs/{id}} can answer a job that is being watched or polled without a
 * statement of its own (ADR 0039). A job polled with {@code GET} is added to the poller's
 * next reads for {@code polledJobTtl} after each poll; the poller's one statement per
 * tick then reads it with the streamed jobs, and polls in between are answered from that
 * read while it is at most {@code maxAge} old.
 * <p>
 * Whose job it is is checked by the caller: a read here holds the job's owner, and a
 * caller who is not the owner must be answered exactly as for a job that does not exist,
 * by the same statement.
 */
public final class RecentJobs {

	private final Map<UUID, Read> reads = new ConcurrentHashMap<>();

	private final Map<UUID, Long> polled = new ConcurrentHashMap<>();

	private final long maxAgeNanos;

	private final long polledJobTtlNanos;

	private final int maxPolledJobs;

	private final LongSupplier nanoTime;

	/**
	 * @param maxAge the oldest read a {@code GET} is answered from
	 * @param polledJobTtl how long a job stays among the poller's reads after a
	 * {@code GET}
	 * @param maxPolledJobs the most polled jobs read at once; beyond it a poll goes to
	 * the database
	 * @param nanoTime the clock ({@link System#nanoTime()})
	 */
	public RecentJobs(Duration maxAge, Duration polledJobTtl, int maxPolledJobs, LongSupplier nanoTime) {
		this.maxAgeNanos = maxAge.toNanos();
		this.polledJobTtlNanos = polledJobTtl.toNanos();
		this.maxPolledJobs = maxPolledJobs;
		this.nanoTime = nanoTime;
	}

	/**
	 * The job as the poller last read it, if that was at most {@code maxAge} ago.
	 * @param id the job
	 * @return the job, whoever owns it
	 */
	Optional<Job> fresh(UUID id) {
		Read read = this.reads.get(id);
		if (read == null || read.job() == null || this.nanoTime.getAsLong() - read.atNanos() > this.maxAgeNanos) {
			return Optional.empty();
		}
		return Optional.of(read.job());
	}

	/**
	 * Notes that the job's owner polled it: the poller reads it for {@code polledJobTtl}
	 * from now, unless {@code maxPolledJobs} others are being read already.
	 * @param id the job
	 */
	void polled(UUID id) {
		long now = this.nanoTime.getAsLong();
		if (this.polled.size() < this.maxPolledJobs || this.polled.containsKey(id)) {
			this.polled.put(id, now);
		}
	}

	/**
	 * Forgets what was read of a job, so that the next {@code GET} reads it from the
	 * database: for a change this instance made itself, such as a cancel, which its owner
	 * must see at once.
	 * @param id the job
	 */
	void forget(UUID id) {
		// a tombstone, so that a read the poller began before the change cannot put the
		// job back as it was
		this.reads.put(id, new Read(null, this.nanoTime.getAsLong()));
	}

	/**
	 * The polled jobs the poller should read; drops those not polled for
	 * {@code polledJobTtl}.
	 * @return their ids
	 */
	public Set<UUID> polledJobs() {
		long now = this.nanoTime.getAsLong();
		this.polled.values().removeIf((at) -> now - at > this.polledJobTtlNanos);
		return new HashSet<>(this.polled.keySet());
	}

	/**
	 * Keeps what the poller read.
	 * @param asked the jobs it read, polled or streamed
	 * @param found those of them that exist
	 * @param readAtNanos when the statement was sent ({@link System#nanoTime()})
	 */
	public void read(Set<UUID> asked, Collection<Job> found, long readAtNanos) {
		Map<UUID, Job> byId = new HashMap<>();
		found.forEach((job) -> byId.put(job.id(), job));
		this.reads.keySet().retainAll(asked);
		for (UUID id : asked) {
			Job job = byId.get(id);
			this.reads.compute(id, (key, before) -> {
				if (before != null && before.job() == null && before.atNanos() - readAtNanos > 0) {
					// forgotten after this read began: the change is newer than the read
					return before;
				}
				return (job != null) ? new Read(job, readAtNanos) : null;
			});
		}
	}

	private record Read(Job job, long atNanos) {

	}

}
