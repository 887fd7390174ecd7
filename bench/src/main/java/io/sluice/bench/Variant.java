package io.sluice.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One way of getting a run's photos into the {@code photo} table. Each run starts from an
 * empty table; the benchmark counts the rows afterwards.
 */
interface Variant extends AutoCloseable {

	/** The name in the report: {@code ceiling}, {@code tuned-batch}, ... */
	String name();

	/**
	 * The {@code application_name} pattern of this variant's database connections.
	 */
	String connectionPattern();

	/**
	 * Tasks waiting for a connection in this variant's own pool, sampled with the
	 * connections; {@code null} when it has no pool that makes anyone wait.
	 */
	default IntSupplier waitingForConnection() {
		return null;
	}

	/**
	 * Work that a client has done before it starts importing (building a request body),
	 * kept out of the timed part.
	 * @param photos the run's photos
	 * @return what {@link #run} needs, or {@code null}
	 */
	default Object prepare(PhotoSet photos) {
		return null;
	}

	/**
	 * Writes the photos, timed.
	 * @param photos the run's photos
	 * @param prepared what {@link #prepare} returned
	 * @param done advanced as photos are written, for the progress bar
	 * @return what happened
	 */
	RunOutcome run(PhotoSet photos, Object prepared, AtomicLong done) throws Exception;

	@Override
	default void close() {
	}

}
