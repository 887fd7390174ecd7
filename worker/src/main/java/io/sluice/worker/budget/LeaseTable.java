package io.sluice.worker.budget;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code connection_lease} table: one row per worker holding connections of the
 * fleet's budget. Every grant is decided in one transaction under one advisory lock, so
 * two workers asking at once are served one after the other and the leases never add up
 * to more than the budget allows.
 */
class LeaseTable {

	/** The advisory lock that serializes grants (an arbitrary, fixed key). */
	private static final long GRANT_LOCK = 0x51_1C_E0_1EL;

	private static final String RECLAIM_EXPIRED = """
			DELETE FROM connection_lease
			WHERE heartbeat_at < now() - make_interval(secs => ?) AND holder <> ?
			RETURNING holder
			""";

	private static final String LEASED_TO_OTHERS = """
			SELECT count(*), coalesce(sum(connections), 0) FROM connection_lease WHERE holder <> ?
			""";

	private static final String TAKE = """
			INSERT INTO connection_lease (holder, connections) VALUES (?, ?)
			ON CONFLICT (holder) DO UPDATE
			SET connections = excluded.connections, acquired_at = now(), heartbeat_at = now()
			""";

	private static final String HEARTBEAT = "UPDATE connection_lease SET heartbeat_at = now() WHERE holder = ?";

	private static final String RELEASE = "DELETE FROM connection_lease WHERE holder = ?";

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
	Grant ask(String holder, int wanted, int minimum, int grantable, Duration timeToLive) {
		return this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			this.jdbc.execute("SELECT pg_advisory_xact_lock(" + GRANT_LOCK + ")");
			List<String> reclaimed = this.jdbc.queryForList(RECLAIM_EXPIRED, String.class,
					timeToLive.toMillis() / 1000.0, holder);
			Grant others = this.jdbc.queryForObject(LEASED_TO_OTHERS,
					(row, index) -> new Grant(0, row.getInt(1), row.getInt(2), reclaimed), holder);
			int granted = Math.min(wanted, grantable - others.leasedToOthers());
			if (granted < minimum) {
				this.jdbc.update(RELEASE, holder);
				return others;
			}
			this.jdbc.update(TAKE, holder, granted);
			return new Grant(granted, others.otherHolders(), others.leasedToOthers(), reclaimed);
		});
	}

	/**
	 * Keeps a lease alive.
	 * @param holder this worker
	 * @return {@code false} if the lease is gone (it expired and was reclaimed)
	 */
	boolean heartbeat(String holder) {
		return this.transactions.execute((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			return this.jdbc.update(HEARTBEAT, holder) == 1;
		});
	}

	/** Gives a lease back. */
	void release(String holder) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '5s'");
			this.jdbc.update(RELEASE, holder);
		});
	}

	/**
	 * The answer to one request.
	 *
	 * @param granted connections granted, 0 if none
	 * @param otherHolders workers holding a lease besides this one
	 * @param leasedToOthers connections leased to them
	 * @param reclaimed holders whose expired leases this request reclaimed
	 */
	record Grant(int granted, int otherHolders, int leasedToOthers, List<String> reclaimed) {

	}

}
