package io.sluice.worker.budget;

import java.util.concurrent.Semaphore;

/**
 * The worker's chunk transactions at once: exactly {@code C} slots
 * ({@code sluice.worker.concurrency}), shared by the main consumer threads and the
 * express lane's (ADR 0023). A consumer thread holds a slot for one poll's writes, and
 * only a slot holder borrows a connection, so however many consumer threads there are, at
 * most {@code C} connections of the {@code C + 1} pool are in chunk transactions and none
 * waits for one. With a smaller lease (ADR 0026) there are as many slots as the lease has
 * consumer threads.
 *
 * <p>
 * Slots are handed out first come, first served: a thread that asks while all are taken
 * gets the next one freed, before a thread that asks later. An express-lane thread with a
 * small job's chunk therefore waits for at most one poll of one main thread, however long
 * the main topic's backlog.
 */
public final class WriteSlots {

	private final Slots slots;

	private volatile int count;

	WriteSlots(int count) {
		this.count = count;
		this.slots = new Slots(count);
	}

	/**
	 * Changes the number of slots, to the consumer threads of a new lease. Called while
	 * no consumer thread runs, so no slot is held.
	 * @param count the new number of slots
	 */
	synchronized void resize(int count) {
		if (count > this.count) {
			this.slots.release(count - this.count);
		}
		else if (count < this.count) {
			this.slots.reducePermits(this.count - count);
		}
		this.count = count;
	}

	/**
	 * Waits for a slot.
	 * @return the slot, to be closed when the poll's writes are done
	 * @throws IllegalStateException if the thread is interrupted while waiting (its
	 * interrupt flag is set again); the poll is then redelivered
	 */
	public Slot acquire() {
		try {
			this.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a chunk write slot", ex);
		}
		return this.slots::release;
	}

	/** How many slots there are: the lease's consumer threads. */
	public int count() {
		return this.count;
	}

	/** How many are free now. */
	public int free() {
		return this.slots.availablePermits();
	}

	/** A fair semaphore whose permits can also be taken away. */
	private static final class Slots extends Semaphore {

		Slots(int permits) {
			super(permits, true);
		}

		@Override
		protected void reducePermits(int reduction) {
			super.reducePermits(reduction);
		}

	}

	/** A held slot; closing it frees it for the next thread. */
	@FunctionalInterface
	public interface Slot extends AutoCloseable {

		@Override
		void close();

	}

}
