package io.sluice.worker.budget;

/**
 * The rule that makes waiting for a database connection impossible by construction: a
 * worker runs {@code C} consumer threads on the main chunk topic, each borrowing one
 * connection for one poll at a time, and a pool of exactly {@code C + 1} (the extra one
 * serves health checks, the reconciler and migrations). Fleet-wide,
 * {@code workers x (C + 1) + API pools} must fit the database's budget.
 *
 * <p>
 * The express lane's consumer threads (ADR 0023) do not raise the pool: every consumer
 * thread, main or express, takes one of {@code C} {@link WriteSlots} before it borrows a
 * connection, so at most {@code C} borrow at once.
 *
 * <p>
 * Threads beyond the partition count of the chunk topic get no partition and idle; they
 * cost nothing but a thread, and are reported by {@link #idleThreads()}.
 *
 * <p>
 * Fleet-wide, the {@link ConnectionLease} keeps every worker's connections within one
 * number, {@link #fleetBudget()}: {@code C + 1} is what a worker asks for, and its lease
 * may give it fewer (ADR 0026).
 */
public final class ConnectionBudget {

	static final String CONCURRENCY = "sluice.worker.concurrency";

	static final String EXPRESS_CONCURRENCY = "sluice.worker.express-concurrency";

	static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

	static final String FLEET_BUDGET = "sluice.db.connection-budget";

	/**
	 * Connections of the fleet's budget never leased, kept for workers that start or ask
	 * for a lease: Flyway's migration check at start-up takes two.
	 */
	public static final int KEPT_FOR_STARTING = 2;

	/** The default of {@value #FLEET_BUDGET}. */
	static final int DEFAULT_FLEET_BUDGET = 20;

	private final int consumerThreads;

	private final int expressThreads;

	private final int partitions;

	private final int fleetBudget;

	ConnectionBudget(int consumerThreads, int partitions) {
		this(consumerThreads, 1, partitions, DEFAULT_FLEET_BUDGET);
	}

	ConnectionBudget(int consumerThreads, int expressThreads, int partitions, int fleetBudget) {
		if (consumerThreads < 1) {
			throw new ConnectionBudgetException(CONCURRENCY + " is " + consumerThreads
					+ ", but a worker needs at least 1 consumer thread. Set " + CONCURRENCY + " to 1 or more.");
		}
		if (expressThreads < 1) {
			throw new ConnectionBudgetException(EXPRESS_CONCURRENCY + " is " + expressThreads
					+ ", but the express lane needs at least 1 consumer thread. Set " + EXPRESS_CONCURRENCY
					+ " to 1 or more.");
		}
		int least = ConnectionLease.MINIMUM + KEPT_FOR_STARTING;
		if (fleetBudget < least) {
			throw new ConnectionBudgetException(FLEET_BUDGET + " is " + fleetBudget
					+ ", but the worker fleet needs at least " + least + ": " + ConnectionLease.MINIMUM
					+ " for one worker (a consumer thread and the spare connection) and " + KEPT_FOR_STARTING
					+ " kept for starting workers. Set " + FLEET_BUDGET + " (SLUICE_DB_CONNECTION_BUDGET) to " + least
					+ " or more.");
		}
		this.consumerThreads = consumerThreads;
		this.expressThreads = expressThreads;
		this.partitions = partitions;
		this.fleetBudget = fleetBudget;
	}

	/**
	 * Consumer threads of the main chunk topic, one Kafka consumer each, and the number
	 * of chunk transactions the worker runs at once.
	 */
	public int consumerThreads() {
		return this.consumerThreads;
	}

	/**
	 * Consumer threads of the express lane; they share the {@link #consumerThreads()}
	 * connections through the {@link WriteSlots}.
	 */
	public int expressThreads() {
		return this.expressThreads;
	}

	/**
	 * Connections the whole worker fleet may hold ({@value #FLEET_BUDGET}),
	 * {@value #KEPT_FOR_STARTING} of them kept for workers starting or asking for a lease
	 * (ADR 0026).
	 */
	public int fleetBudget() {
		return this.fleetBudget;
	}

	/**
	 * Connections the fleet's leases may add up to: the budget less those kept for
	 * starting workers.
	 */
	public int grantable() {
		return this.fleetBudget - KEPT_FOR_STARTING;
	}

	/**
	 * Connections this worker asks to lease, and its pool with a full lease: one per
	 * consumer thread plus one.
	 */
	public int poolSize() {
		return this.consumerThreads + 1;
	}

	/** Partitions of the chunk topic as declared ({@code sluice.kafka.partitions}). */
	public int partitions() {
		return this.partitions;
	}

	/** Consumer threads that can get no partition and will idle. */
	public int idleThreads() {
		return Math.max(0, this.consumerThreads - this.partitions);
	}

	/**
	 * Checks a pool size someone configured explicitly: anything but {@link #poolSize()}
	 * either lets a thread wait for a connection (smaller) or breaks the fleet-wide
	 * formula (larger).
	 * @param configuredPoolSize the value of {@value #POOL_SIZE}
	 * @throws ConnectionBudgetException naming the setting to change
	 */
	void checkConfiguredPoolSize(int configuredPoolSize) {
		if (configuredPoolSize < poolSize()) {
			throw new ConnectionBudgetException(POOL_SIZE + " is " + configuredPoolSize + ", but " + CONCURRENCY + "="
					+ this.consumerThreads + " consumer threads need " + poolSize()
					+ " connections (one each, plus one for health checks), so a thread could wait for a connection. Remove "
					+ POOL_SIZE + " (the worker derives it) or lower " + CONCURRENCY + " to "
					+ Math.max(1, configuredPoolSize - 1) + ".");
		}
		if (configuredPoolSize > poolSize()) {
			throw new ConnectionBudgetException(POOL_SIZE + " is " + configuredPoolSize + ", more than the "
					+ poolSize() + " connections that " + CONCURRENCY + "=" + this.consumerThreads
					+ " can use; the spare ones would only eat the database's connection budget. Remove " + POOL_SIZE
					+ " (the worker derives it) or raise " + CONCURRENCY + " instead.");
		}
	}

	@Override
	public String toString() {
		return this.consumerThreads + " consumer threads and " + this.expressThreads + " on the express lane, pool "
				+ poolSize() + ", " + this.partitions + " partitions, fleet budget " + this.fleetBudget;
	}

}
