package io.sluice.common.db;

import java.util.List;

import static io.sluice.common.db.DatabaseFailure.DATA;
import static io.sluice.common.db.DatabaseFailure.PROGRAMMING;
import static io.sluice.common.db.DatabaseFailure.TRANSIENT;

/**
 * Every SQLState class of PostgreSQL's "Appendix A. PostgreSQL Error Codes", with what it
 * means for a chunk: the one place that decides it. A five-character row (a single
 * condition) overrides the two-character row of its class; a class missing from the
 * appendix is {@link DatabaseFailure#PROGRAMMING}. The table of the same rows in
 * docs/architecture.md is checked against this one.
 *
 * <p>
 * The rule behind the rows: a state is {@link DatabaseFailure#TRANSIENT} when the same
 * statement can succeed later without anyone changing Sluice or its schema (the server
 * was busy, full, read-only, restarting or broken inside), {@link DatabaseFailure#DATA}
 * when the values offered are at fault, and {@link DatabaseFailure#PROGRAMMING} when the
 * statement itself, the schema or the privileges are wrong.
 */
public final class SqlStateTable {

	/**
	 * One row of the table.
	 *
	 * @param code a class (two characters) or one condition (five)
	 * @param name PostgreSQL's name for it
	 * @param outcome what it means for a chunk
	 */
	public record Row(String code, String name, DatabaseFailure outcome) {

		boolean matches(String sqlState) {
			return sqlState.startsWith(this.code);
		}

	}

	/** The rows in the appendix's order, each condition after its class. */
	public static final List<Row> ROWS = List.of(row("00", "successful completion", PROGRAMMING),
			row("01", "warning", PROGRAMMING), row("02", "no data", PROGRAMMING),
			row("03", "SQL statement not yet complete", PROGRAMMING), row("08", "connection exception", TRANSIENT),
			row("09", "triggered action exception", PROGRAMMING), row("0A", "feature not supported", PROGRAMMING),
			row("0B", "invalid transaction initiation", PROGRAMMING), row("0F", "locator exception", PROGRAMMING),
			row("0L", "invalid grantor", PROGRAMMING), row("0P", "invalid role specification", PROGRAMMING),
			row("0Z", "diagnostics exception", PROGRAMMING), row("20", "case not found", PROGRAMMING),
			row("21", "cardinality violation", PROGRAMMING), row("22", "data exception", DATA),
			row("23", "integrity constraint violation", DATA), row("23505", "unique violation", PROGRAMMING),
			row("24", "invalid cursor state", PROGRAMMING), row("25", "invalid transaction state", PROGRAMMING),
			row("25006", "read only SQL transaction", TRANSIENT),
			row("25P03", "idle in transaction session timeout", TRANSIENT),
			row("25P04", "transaction timeout", TRANSIENT), row("26", "invalid SQL statement name", PROGRAMMING),
			row("27", "triggered data change violation", PROGRAMMING),
			row("28", "invalid authorization specification", PROGRAMMING),
			row("2B", "dependent privilege descriptors still exist", PROGRAMMING),
			row("2D", "invalid transaction termination", PROGRAMMING), row("2F", "SQL routine exception", PROGRAMMING),
			row("34", "invalid cursor name", PROGRAMMING), row("38", "external routine exception", PROGRAMMING),
			row("39", "external routine invocation exception", PROGRAMMING),
			row("3B", "savepoint exception", PROGRAMMING), row("3D", "invalid catalog name", PROGRAMMING),
			row("3F", "invalid schema name", PROGRAMMING), row("40", "transaction rollback", TRANSIENT),
			row("42", "syntax error or access rule violation", PROGRAMMING),
			row("44", "WITH CHECK OPTION violation", PROGRAMMING), row("53", "insufficient resources", TRANSIENT),
			row("54", "program limit exceeded", PROGRAMMING),
			row("55", "object not in prerequisite state", PROGRAMMING), row("55P03", "lock not available", TRANSIENT),
			row("57", "operator intervention", TRANSIENT), row("58", "system error", TRANSIENT),
			row("72", "snapshot failure", TRANSIENT), row("F0", "configuration file error", PROGRAMMING),
			row("HV", "foreign data wrapper error", PROGRAMMING), row("P0", "PL/pgSQL error", PROGRAMMING),
			row("XX", "internal error", TRANSIENT));

	private SqlStateTable() {
	}

	/**
	 * What one SQLState means: the row of its condition if there is one, else the row of
	 * its class, else {@link DatabaseFailure#PROGRAMMING}.
	 * @param sqlState a five-character SQLState
	 * @return what it means for a chunk
	 */
	public static DatabaseFailure classify(String sqlState) {
		Row best = null;
		for (Row row : ROWS) {
			if (row.matches(sqlState) && (best == null || row.code().length() > best.code().length())) {
				best = row;
			}
		}
		return (best != null) ? best.outcome() : PROGRAMMING;
	}

	private static Row row(String code, String name, DatabaseFailure outcome) {
		return new Row(code, name, outcome);
	}

}
