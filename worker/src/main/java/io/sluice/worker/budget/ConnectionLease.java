package io.sluice.worker.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.budget.LeaseTable.Beat;
import io.sluice.worker.budget.LeaseTable.Expired;
import io.sluice.worker.budget.LeaseTable.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * This worker's share of the fleet's connection budget (ADR 0026). On start the worker
 * holds at most two connections, to migrate and ask for a lease; it gets up to
 * {@code C + 1} connections, whatever is free, and then sizes its pool, its write slots
 * and its consumer threads to the lease and starts chunk intake. With fewer than two free
 * it holds no connection at all, says so (the {@code lease} readiness component, a log
 * line, {@code sluice.lease.waiting}) and asks again every {@code retry}.
 *
 * <p>
 * A held lease is kept alive by a heartbeat. A worker whose heartbeat has failed for
 * {@link LeaseProperties#fenceAfter()} stops intake and closes its connections before any
 * other worker may reclaim the lease, then asks again; one that finds its lease reclaimed
 * does the same. On shutdown, once intake has stopped, the lease is given back.
 *
 * <p>
 * Every ask and every heartbeat reclaims the leases of other workers whose heartbeat
 * stopped more than {@link LeaseProperties#ttl()} ago and ends their sessions (ADR 0030).
 * A holder that can still run has closed them itself by then; one that cannot (frozen,
 * its virtual machine paused) would otherwise keep its locks for as long as it is frozen
 * when it stopped in the middle of a {@code COPY}.
 *
 * <p>
 * Every change of state happens on one thread, the {@code connection-lease} thread, or
 * after it has ended.
 */
public final class ConnectionLease implements SmartLifecycle {

	/** One consumer thread and the spare connection: the least worth running with. */
	static final int MINIMUM = 2;

	/** Stops after the listener containers (whose phase is higher) and starts before. */
	static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Duration WAITING_REMINDER = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(ConnectionLease.class);

	private final LeaseTable table;

	private final HikariDataSource pool;

	private final WriteSlots slots;

	private final LeasedWork work;

	private final ConnectionBudget budget;

	private final LeaseProperties properties;

	private final LeaseHolder holder;

	/** Guards every change of state. */
	private final Object transitions = new Object();

	private ScheduledExecutorService executor;

	private ScheduledExecutorService watchdog;

	private ScheduledFuture<?> heartbeats;

	private boolean stopping;

	private volatile State state;

	private volatile long lastHeartbeatNanos;

	private String lastWaitingLine;

	private Instant lastWaitingLog = Instant.EPOCH;

	ConnectionLease(LeaseHolder holder, LeaseTable table, HikariDataSource pool, WriteSlots slots, LeasedWork work,
			ConnectionBudget budget, LeaseProperties properties, MeterRegistry meters) {
		this.table = table;
		this.pool = pool;
		this.slots = slots;
		this.work = work;
		this.budget = budget;
		this.properties = properties;
		this.holder = holder;
		this.state = State.asking(Instant.now());
		Gauge.builder("sluice.lease.connections", this, (lease) -> lease.state.connections())
			.description("Connections this worker holds under its lease (0 while it waits)")
			.register(meters);
		Gauge.builder("sluice.lease.budget", budget, ConnectionBudget::fleetBudget)
			.description("Connections the whole worker fleet may hold (sluice.db.connection-budget)")
			.register(meters);
		Gauge.builder("sluice.lease.waiting", this, (lease) -> lease.isHeld() ? 0 : 1)
			.description("1 while this worker waits for a lease and holds no connection")
			.register(meters);
	}

	/** The name this worker's lease is held under: host, process id and a random part. */
	public String holder() {
		return this.holder.name();
	}

	/** The lease as it stands now. */
	public State state() {
		return this.state;
	}

	/** Whether this worker holds a lease, and so may use its connections. */
	public boolean isHeld() {
		return this.state.connections() > 0;
	}

	@Override
	public void start() {
		synchronized (this.transitions) {
			this.stopping = false;
			this.executor = Executors.newSingleThreadScheduledExecutor(daemon("connection-lease"));
			this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("connection-lease-watchdog"));
			long period = Math.max(1, this.properties.heartbeat().toMillis() / 2);
			this.watchdog.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
			this.executor.execute(this::ask);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor;
		synchronized (this.transitions) {
			if (this.executor == null) {
				return;
			}
			this.stopping = true;
			executor = this.executor;
			this.watchdog.shutdownNow();
		}
		executor.shutdownNow();
		try {
			// An ask or a heartbeat is one short transaction, bounded by its statement
			// timeout and the pool's connection timeout.
			executor.awaitTermination(15, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.transitions) {
			this.executor = null;
			if (isHeld()) {
				giveBack();
			}
			this.state = State.stopped(Instant.now());
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.transitions) {
			return this.executor != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void giveBack() {
		int connections = this.state.connections();
		this.work.stop();
		closeConnections();
		try {
			this.table.release(this.holder);
			log.info("Gave back the lease of {} connections", connections);
		}
		catch (RuntimeException ex) {
			log.warn("Could not give back the lease of {} connections; it expires {} s after its last heartbeat: {}",
					connections, this.properties.ttl().toSeconds(), DatabaseFailure.describe(ex));
		}
		closeConnections();
	}

	private void ask() {
		long askedAt = System.nanoTime();
		Grant grant;
		try {
			grant = this.table.ask(this.holder, this.budget.poolSize(), MINIMUM, this.budget.grantable(),
					this.properties.ttl());
		}
		catch (RuntimeException ex) {
			waiting("the database cannot be reached to ask for a lease: " + DatabaseFailure.describe(ex), false);
			return;
		}
		endSessionsOf(grant.reclaimed());
		if (grant.granted() == 0) {
			waiting("the fleet's budget of " + this.budget.fleetBudget() + " connections (" + this.budget.grantable()
					+ " to lease, " + ConnectionBudget.KEPT_FOR_STARTING + " kept for starting workers) is taken: "
					+ grant.leasedToOthers() + " are leased to " + grant.otherHolders()
					+ " other workers, and this worker needs at least " + MINIMUM, true);
			return;
		}
		hold(grant, askedAt);
	}

	private void waiting(String reason, boolean databaseAnswered) {
		synchronized (this.transitions) {
			closeConnections();
			this.state = State.waiting(reason, databaseAnswered, this.state.since());
			Instant now = Instant.now();
			if (!reason.equals(this.lastWaitingLine) || now.isAfter(this.lastWaitingLog.plus(WAITING_REMINDER))) {
				log.warn("Waiting for a connection lease, holding no connection: {}. Asking again every {} s", reason,
						this.properties.retry().toSeconds());
				this.lastWaitingLine = reason;
				this.lastWaitingLog = now;
			}
			askAgain();
		}
	}

	private void hold(Grant grant, long askedAt) {
		synchronized (this.transitions) {
			int connections = grant.granted();
			this.lastHeartbeatNanos = askedAt;
			this.lastWaitingLine = null;
			this.state = State.held(connections, Instant.now());
			if (this.stopping) {
				return;
			}
			this.pool.setMaximumPoolSize(connections);
			this.pool.setMinimumIdle(connections);
			this.slots.resize(connections - 1);
			log.info(
					"Leased {} of the {} connections this worker wants: {} consumer threads, pool {}. The fleet's "
							+ "budget is {} ({} kept for starting workers); {} more are leased to {} other workers",
					connections, this.budget.poolSize(), connections - 1, connections, this.budget.fleetBudget(),
					ConnectionBudget.KEPT_FOR_STARTING, grant.leasedToOthers(), grant.otherHolders());
			this.work.start(connections - 1);
			long heartbeat = this.properties.heartbeat().toMillis();
			this.heartbeats = this.executor.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat,
					TimeUnit.MILLISECONDS);
		}
	}

	private void heartbeat() {
		long sentAt = System.nanoTime();
		State beating = this.state;
		Beat beat;
		try {
			beat = this.table.heartbeat(this.holder, this.properties.ttl());
		}
		catch (RuntimeException ex) {
			log.debug("Lease heartbeat failed, {} ms after the last one: {}",
					Duration.ofNanos(sentAt - this.lastHeartbeatNanos).toMillis(), ex.toString());
			return;
		}
		endSessionsOf(beat.reclaimed());
		synchronized (this.transitions) {
			if (this.state != beating || this.stopping) {
				return;
			}
			if (beat.alive()) {
				this.lastHeartbeatNanos = sentAt;
			}
			else {
				lose("another worker reclaimed it after its heartbeat stopped");
			}
		}
	}

	/**
	 * Ends the sessions of the holders whose leases were just reclaimed, on the lease
	 * thread: a holder's sessions are few, and ending them takes a signal each.
	 */
	private void endSessionsOf(List<Expired> reclaimed) {
		for (Expired expired : reclaimed) {
			try {
				int ended = this.table.endSessions(expired);
				log.warn(
						"Reclaimed the lease of {}: its heartbeat stopped more than {} s ago. Ended its {} sessions "
								+ "(application_name '{}'), releasing their locks",
						expired.holder(), this.properties.ttl().toSeconds(), ended, expired.applicationName());
			}
			catch (RuntimeException ex) {
				log.warn(
						"Reclaimed the lease of {}: its heartbeat stopped more than {} s ago. Could not end its "
								+ "sessions (application_name '{}'); any lock they hold stays until they end: {}",
						expired.holder(), this.properties.ttl().toSeconds(), expired.applicationName(),
						DatabaseFailure.describe(ex));
			}
		}
	}

	/**
	 * Runs on its own thread, so that a heartbeat blocked on an unreachable database
	 * cannot keep the worker writing past {@link LeaseProperties#fenceAfter()}.
	 */
	private void watch() {
		synchronized (this.transitions) {
			if (!isHeld() || this.stopping) {
				return;
			}
			Duration silent = Duration.ofNanos(System.nanoTime() - this.lastHeartbeatNanos);
			if (silent.compareTo(this.properties.fenceAfter()) >= 0) {
				lose("no heartbeat got through for " + silent.toSeconds() + " s");
			}
		}
	}

	private void lose(String reason) {
		log.warn("Lost the connection lease of {} connections: {}. Stopping chunk intake and closing every connection "
				+ "before anyone can reclaim it, then asking again", this.state.connections(), reason);
		this.heartbeats.cancel(false);
		this.work.stop();
		closeConnections();
		this.state = State.waiting("lost the lease: " + reason, false, Instant.now());
		askAgain();
	}

	private void askAgain() {
		if (!this.stopping && !this.executor.isShutdown()) {
			this.executor.schedule(this::ask, this.properties.retry().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Shrinks the pool to what a worker without a lease may use, and closes every idle
	 * connection now (one in use is closed when it is returned).
	 */
	private void closeConnections() {
		this.pool.setMinimumIdle(0);
		this.pool.setMaximumPoolSize(ConnectionBudget.KEPT_FOR_STARTING);
		HikariPoolMXBean connections = this.pool.getHikariPoolMXBean();
		if (connections != null) {
			connections.softEvictConnections();
		}
	}

	private static ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * The lease at one moment.
	 *
	 * @param connections connections held, 0 while waiting
	 * @param reason why there are none, or {@code null}
	 * @param databaseAnswered whether the database answered the last request
	 * @param since when this state began
	 */
	public record State(int connections, String reason, boolean databaseAnswered, Instant since) {

		static State asking(Instant now) {
			return new State(0, "asking for a lease", false, now);
		}

		static State waiting(String reason, boolean databaseAnswered, Instant since) {
			return new State(0, reason, databaseAnswered, since);
		}

		static State held(int connections, Instant now) {
			return new State(connections, null, true, now);
		}

		static State stopped(Instant now) {
			return new State(0, "stopped", false, now);
		}

	}

}
