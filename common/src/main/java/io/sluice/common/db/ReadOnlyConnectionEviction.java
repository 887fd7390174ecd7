package io.sluice.common.db;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells Hikari to throw away a connection that answered {@code 25006} (read-only SQL
 * transaction): after a failover its server is a replica now, and every statement on it
 * would fail the same way for as long as the pool kept it. A new connection reaches
 * whichever server is the primary (with a multi-host URL and
 * {@code targetServerType=primary}, or once DNS points at the new primary), or the same
 * server once it takes writes again. Every other failure is left to Hikari's own rules,
 * which already evict connections that are broken ({@code 08}, {@code 57P01}...).
 *
 * <p>
 * Set as {@code spring.datasource.hikari.exception-override-class-name} by the API and
 * the workers.
 */
public class ReadOnlyConnectionEviction implements SQLExceptionOverride {

	/** {@code read_only_sql_transaction} in PostgreSQL's appendix of error codes. */
	static final String READ_ONLY_SQL_TRANSACTION = "25006";

	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException failure) {
		for (SQLException each = failure; each != null; each = each.getNextException()) {
			if (READ_ONLY_SQL_TRANSACTION.equals(each.getSQLState())) {
				return SQLExceptionOverride.Override.MUST_EVICT;
			}
		}
		return SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

}
