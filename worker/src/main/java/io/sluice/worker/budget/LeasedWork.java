package io.sluice.worker.budget;

/**
 * The work a worker does only while it holds a connection lease: chunk intake. The
 * {@link ConnectionLease} starts it with as many consumer threads as its lease allows and
 * stops it before the lease is given back or lost.
 */
public interface LeasedWork {

	/**
	 * Starts the work.
	 * @param consumerThreads consumer threads on the main chunk topic, each writing on
	 * one leased connection
	 */
	void start(int consumerThreads);

	/**
	 * Stops the work and waits until no thread writes any more.
	 */
	void stop();

}
