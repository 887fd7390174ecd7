package io.sluice.worker.budget;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code connection_lease} table: one row per worker holding connections of the
 * fleet's budget. Every grant is decided in one transaction under one advisory lock, so
 * two workers asking at once are served one after the other and the leases never add up
 * to more than the budget allows. Every ask and every heartbeat reclaims the leases whose
 * heartbeat stopped, and the caller then {@linkplain #endSessions ends their sessions}.
 */
class LeaseTable {

	/** The advisory lock that serializes grants (an arbitrary, fixed key). */
	private static final long GRANT_LOCK = 0x51_1C_E0_1EL;

	private static final String RECLAIM_EXPIRED = """
			DELETE FROM connection_lease
			WHERE heartbeat_at < now() - make_interval(secs => ?) AND holder <> ?
			RETURNING holder, application_name
			""";

	private static final String LEASED_TO_OTHERS = """
			SELECT count(*), coalesce(sum(connections), 0) FROM connection_lease WHERE holder <> ?
			""";

	private static final String TAKE = """
			INSERT INTO connection_lease (holder, connections, application_name) VALUES (?, ?, ?)
			ON CONFLICT (holder) DO UPDATE
			SET connections = excluded.connections, application_name = excluded.application_name,
				acquired_at = now(), heartbeat_at = now()
			""";

	private static final String HEARTBEAT = "UPDATE connection_lease SET heartbeat_at = now() WHERE holder = ?";

	private static final String RELEASE = "DELETE FROM connection_lease WHERE holder = ?";

	/**
	 * Ends the sessions named like an expired holder's. The role that may lease may end
	 * its own role's sessions; one that may not gets an error, and the caller logs it.
	 */
	private static final String END_SESSIONS = """
			SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE application_name = ? AND pid <> pg_backend_pid()
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	LeaseTable(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Asks for connections: reclaims the leases whose heartbeat stopped, then grants as
	 * many as are free up to {@code wanted}, or none if fewer than {@code minimum} are.
	 * @param holder this worker
	 * @param wanted the connections it would use
	 * @param minimum the fewest worth having
	 * @param grantable the most all leases together may hold
	 * @param timeToLive how old a heartbeat may be before its lease is reclaimed
	 * @return what was granted, and to whom the rest is leased
	 */
	Grant ask(LeaseHolder holder, int wanted, int minimum, int grantable, Duration timeToLive) {
		return this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			this.jdbc.execute("SELECT pg_advisory_xact_lock(" + GRANT_LOCK + ")");
			List<Expired> reclaimed = reclaimExpired(holder, timeToLive);
			Grant others = this.jdbc.queryForObject(LEASED_TO_OTHERS,
					(row, index) -> new Grant(0, row.getInt(1), row.getInt(2), reclaimed), holder.name());
			int granted = Math.min(wanted, grantable - others.leasedToOthers());
			if (granted < minimum) {
				this.jdbc.update(RELEASE, holder.name());
				return others;
			}
			this.jdbc.update(TAKE, holder.name(), granted, holder.applicationName());
			return new Grant(granted, others.otherHolders(), others.leasedToOthers(), reclaimed);
		});
	}

	/**
	 * Keeps a lease alive, and reclaims the leases of others whose heartbeat stopped: a
	 * fleet whose workers all hold a lease has nobody asking, and a frozen holder must
	 * still lose its lease, and its sessions, within the time to live.
	 * @param holder this worker
	 * @param timeToLive how old a heartbeat may be before its lease is reclaimed
	 * @return whether this worker's lease is still there, and what was reclaimed
	 */
	Beat heartbeat(LeaseHolder holder, Duration timeToLive) {
		return this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			boolean alive = this.jdbc.update(HEARTBEAT, holder.name()) == 1;
			return new Beat(alive, reclaimExpired(holder, timeToLive));
		});
	}

	/** Gives a lease back. */
	void release(LeaseHolder holder) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			this.jdbc.update(RELEASE, holder.name());
		});
	}

	/**
	 * Ends the sessions of a holder whose lease was reclaimed, with
	 * {@code pg_terminate_backend}: their transactions roll back and their locks are
	 * released. A holder that lost its lease has stopped writing by then, unless it
	 * cannot run at all (a frozen process, a paused virtual machine); its sessions may
	 * then be waiting for the rest of a {@code COPY}, which no server-side timeout ends.
	 * @param expired the holder
	 * @return how many sessions were ended
	 */
	int endSessions(Expired expired) {
		if (expired.applicationName() == null) {
			return 0;
		}
		Integer ended = this.jdbc.queryForObject(END_SESSIONS, Integer.class, expired.applicationName());
		return (ended != null) ? ended : 0;
	}

	private List<Expired> reclaimExpired(LeaseHolder holder, Duration timeToLive) {
		return this.jdbc.query(RECLAIM_EXPIRED, (row, index) -> new Expired(row.getString(1), row.getString(2)),
				timeToLive.toMillis() / 1000.0, holder.name());
	}

	/**
	 * A lease reclaimed because its heartbeat stopped.
	 *
	 * @param holder who held it
	 * @param applicationName the {@code application_name} of its sessions, or
	 * {@code null} if it did not say (a worker of an earlier version)
	 */
	record Expired(String holder, String applicationName) {

	}

	/**
	 * The answer to one heartbeat.
	 *
	 * @param alive whether this worker's lease is still there
	 * @param reclaimed the other holders whose expired leases this heartbeat reclaimed
	 */
	record Beat(boolean alive, List<Expired> reclaimed) {

	}

	/**
	 * The answer to one request.
	 *
	 * @param granted connections granted, 0 if none
	 * @param otherHolders workers holding a lease besides this one
	 * @param leasedToOthers connections leased to them
	 * @param reclaimed holders whose expired leases this request reclaimed
	 */
	record Grant(int granted, int otherHolders, int leasedToOthers, List<Expired> reclaimed) {

	}

}
