package io.sluice.api.job.submit.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jobs waiting for a publish lane, in two queues: small jobs (those the express lane
 * of the chunk topics takes, ADR 0023) and the others. Decides which jobs a lane
 * publishes together; {@link PublishLanes} publishes them.
 *
 * <p>
 * A lane of the {@linkplain Lane#EXPRESS express kind} takes only small jobs, so a small
 * job never waits for a large job's transaction, however many large jobs are queued. A
 * {@linkplain Lane#ANY general lane} takes the large jobs first, in arrival order, and
 * small ones when no large one waits, so that a burst of small jobs is published on every
 * lane. A lane takes every job of its queue that waits when it is free, until the batch
 * holds {@value #MAX_BATCH_CHUNKS} chunks; a job is never split.
 */
final class PublishQueue {

	/** Most chunks one lane puts in one transaction, unless a single job has more. */
	static final int MAX_BATCH_CHUNKS = 200;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = this.lock.newCondition();

	private final Deque<Publication> small = new ArrayDeque<>();

	private final Deque<Publication> large = new ArrayDeque<>();

	/**
	 * Queues a job.
	 * @param job the job and its chunks
	 * @param isSmall whether it goes on the express lane of the chunk topics
	 */
	void offer(Publication job, boolean isSmall) {
		this.lock.lock();
		try {
			(isSmall ? this.small : this.large).add(job);
			this.arrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The next batch for a lane of a kind, waiting until there is one.
	 * @param lane the lane's kind
	 * @return at least one job, all from one queue, oldest first
	 * @throws InterruptedException if the lane is stopped while it waits
	 */
	List<Publication> take(Lane lane) throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			Deque<Publication> from;
			while ((from = queueFor(lane)) == null) {
				this.arrived.await();
			}
			List<Publication> batch = new ArrayList<>();
			int chunks = 0;
			while (!from.isEmpty() && (batch.isEmpty() || chunks + from.peek().chunks().size() <= MAX_BATCH_CHUNKS)) {
				Publication job = from.poll();
				batch.add(job);
				chunks += job.chunks().size();
			}
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes every job still waiting, for a lane that stops.
	 * @return the jobs, small ones first
	 */
	List<Publication> drain() {
		this.lock.lock();
		try {
			List<Publication> left = new ArrayList<>(this.small);
			left.addAll(this.large);
			this.small.clear();
			this.large.clear();
			return left;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Deque<Publication> queueFor(Lane lane) {
		if (lane == Lane.EXPRESS) {
			return this.small.isEmpty() ? null : this.small;
		}
		if (!this.large.isEmpty()) {
			return this.large;
		}
		return this.small.isEmpty() ? null : this.small;
	}

	/** What a lane takes. */
	enum Lane {

		/** Small jobs only. */
		EXPRESS,
		/** Large jobs first, small ones when no large job waits. */
		ANY

	}

}
