package io.sluice.worker.budget;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one connection of the worker's pool beyond its {@link WriteSlots}, as far as the
 * worker's background work is concerned: the reconciler and retention each take it before
 * they borrow a connection, so together they never hold more than one and never make a
 * consumer thread wait for one (ADR 0026, ADR 0042). Health checks borrow it too, as
 * before, for a moment at a time.
 *
 * <p>
 * Take it for one short transaction, never across a wait for anything but the database.
 */
public final class SpareConnection {

	private final Semaphore turn = new Semaphore(1, true);

	/**
	 * Waits for the spare connection's turn.
	 * @param wait the longest to wait
	 * @return the turn, to be closed once the connection is back in the pool; empty if
	 * another holder kept it all that time (or the thread was interrupted, whose flag is
	 * set again)
	 */
	public Optional<Turn> take(Duration wait) {
		try {
			return this.turn.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(this.turn::release)
					: Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** A held turn; closing it lets the next holder borrow the spare connection. */
	@FunctionalInterface
	public interface Turn extends AutoCloseable {

		@Override
		void close();

	}

}
