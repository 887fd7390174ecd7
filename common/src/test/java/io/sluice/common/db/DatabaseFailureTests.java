package io.sluice.common.db;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailureTests {

	/**
	 * One real condition of every class in PostgreSQL's appendix of error codes, and the
	 * conditions that differ from their class, with what each must mean.
	 */
	@ParameterizedTest(name = "{0} ({2}) is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			00000 | PROGRAMMING | successful_completion
			01000 | PROGRAMMING | warning
			02000 | PROGRAMMING | no_data
			03000 | PROGRAMMING | sql_statement_not_yet_complete
			08000 | TRANSIENT   | connection_exception
			08001 | TRANSIENT   | sqlclient_unable_to_establish_sqlconnection
			08003 | TRANSIENT   | connection_does_not_exist
			08006 | TRANSIENT   | connection_failure
			08P01 | TRANSIENT   | protocol_violation
			09000 | PROGRAMMING | triggered_action_exception
			0A000 | PROGRAMMING | feature_not_supported
			0B000 | PROGRAMMING | invalid_transaction_initiation
			0F000 | PROGRAMMING | locator_exception
			0L000 | PROGRAMMING | invalid_grantor
			0P000 | PROGRAMMING | invalid_role_specification
			0Z000 | PROGRAMMING | diagnostics_exception
			20000 | PROGRAMMING | case_not_found
			21000 | PROGRAMMING | cardinality_violation
			22001 | DATA        | string_data_right_truncation
			22021 | DATA        | character_not_in_repertoire
			22P02 | DATA        | invalid_text_representation
			23502 | DATA        | not_null_violation
			23503 | DATA        | foreign_key_violation
			23514 | DATA        | check_violation
			23505 | PROGRAMMING | unique_violation
			24000 | PROGRAMMING | invalid_cursor_state
			25000 | PROGRAMMING | invalid_transaction_state
			25001 | PROGRAMMING | active_sql_transaction
			25006 | TRANSIENT   | read_only_sql_transaction
			25P03 | TRANSIENT   | idle_in_transaction_session_timeout
			25P04 | TRANSIENT   | transaction_timeout
			26000 | PROGRAMMING | invalid_sql_statement_name
			27000 | PROGRAMMING | triggered_data_change_violation
			28000 | PROGRAMMING | invalid_authorization_specification
			28P01 | PROGRAMMING | invalid_password
			2B000 | PROGRAMMING | dependent_privilege_descriptors_still_exist
			2D000 | PROGRAMMING | invalid_transaction_termination
			2F000 | PROGRAMMING | sql_routine_exception
			34000 | PROGRAMMING | invalid_cursor_name
			38000 | PROGRAMMING | external_routine_exception
			39000 | PROGRAMMING | external_routine_invocation_exception
			3B000 | PROGRAMMING | savepoint_exception
			3D000 | PROGRAMMING | invalid_catalog_name
			3F000 | PROGRAMMING | invalid_schema_name
			40000 | TRANSIENT   | transaction_rollback
			40001 | TRANSIENT   | serialization_failure
			40P01 | TRANSIENT   | deadlock_detected
			42501 | PROGRAMMING | insufficient_privilege
			42601 | PROGRAMMING | syntax_error
			42703 | PROGRAMMING | undefined_column
			42P01 | PROGRAMMING | undefined_table
			44000 | PROGRAMMING | with_check_option_violation
			53000 | TRANSIENT   | insufficient_resources
			53100 | TRANSIENT   | disk_full
			53200 | TRANSIENT   | out_of_memory
			53300 | TRANSIENT   | too_many_connections
			53400 | TRANSIENT   | configuration_limit_exceeded
			54000 | PROGRAMMING | program_limit_exceeded
			55000 | PROGRAMMING | object_not_in_prerequisite_state
			55006 | PROGRAMMING | object_in_use
			55P03 | TRANSIENT   | lock_not_available
			57000 | TRANSIENT   | operator_intervention
			57014 | TRANSIENT   | query_canceled
			57P01 | TRANSIENT   | admin_shutdown
			57P02 | TRANSIENT   | crash_shutdown
			57P03 | TRANSIENT   | cannot_connect_now
			57P04 | TRANSIENT   | database_dropped
			57P05 | TRANSIENT   | idle_session_timeout
			58000 | TRANSIENT   | system_error
			58030 | TRANSIENT   | io_error
			58P01 | TRANSIENT   | undefined_file
			72000 | TRANSIENT   | snapshot_too_old
			F0000 | PROGRAMMING | config_file_error
			HV000 | PROGRAMMING | fdw_error
			P0001 | PROGRAMMING | raise_exception
			XX000 | TRANSIENT   | internal_error
			XX001 | TRANSIENT   | data_corrupted
			XX002 | TRANSIENT   | index_corrupted
			ZZ999 | PROGRAMMING | not in the appendix
			""")
	void classifiesEveryClassOfPostgresErrorCodes(String sqlState, DatabaseFailure expected, String name) {
		assertThat(DatabaseFailure.classify(new SQLException(name, sqlState))).isEqualTo(expected);
		assertThat(SqlStateTable.classify(sqlState)).isEqualTo(expected);
	}

	@Test
	void listsEveryClassOfTheAppendixOnce() {
		List<String> codes = SqlStateTable.ROWS.stream().map(SqlStateTable.Row::code).toList();
		assertThat(codes).doesNotHaveDuplicates()
			.containsAll(List.of("00", "01", "02", "03", "08", "09", "0A", "0B", "0F", "0L", "0P", "0Z", "20", "21",
					"22", "23", "24", "25", "26", "27", "28", "2B", "2D", "2F", "34", "38", "39", "3B", "3D", "3F",
					"40", "42", "44", "53", "54", "55", "57", "58", "72", "F0", "HV", "P0", "XX"));
	}

	@Test
	void walksTheCauseChainThroughSpringsNonTransientWrapper() {
		Exception lost = new DataAccessResourceFailureException("connection lost",
				new SQLException("An I/O error occurred", "08006"));
		assertThat(DatabaseFailure.classify(lost)).isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@Test
	void treatsAPoolTimeoutAsTransient() {
		Exception timeout = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
		assertThat(DatabaseFailure.classify(timeout)).isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@Test
	void readsChainedNextExceptionsOfABatch() {
		SQLException batch = new SQLException("Batch entry 0 was aborted", "XX000");
		batch.setNextException(new SQLException("terminating connection", "57P01"));
		assertThat(DatabaseFailure.classify(batch)).isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@Test
	void treatsASocketTimeoutAsTransient() {
		assertThat(DatabaseFailure.classify(new RuntimeException(new SocketTimeoutException("Read timed out"))))
			.isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@Test
	void treatsAnSqlFailureWithoutSqlStateAsTransient() {
		assertThat(DatabaseFailure.classify(new SQLException("Connection is closed")))
			.isEqualTo(DatabaseFailure.TRANSIENT);
		assertThat(DatabaseFailure.classify(new UncheckedIOException(new EOFException("stream closed"))))
			.isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@Test
	void treatsAFailureWithNoSqlExceptionAsProgramming() {
		assertThat(DatabaseFailure.classify(new IllegalStateException("bug"))).isEqualTo(DatabaseFailure.PROGRAMMING);
	}

	@Test
	void readsTheWholeChainForATransientStateAndOtherwiseTheFirstState() {
		SQLException batch = new SQLException("Batch entry 0 was aborted", "22021");
		batch.setNextException(new SQLException("terminating connection", "57P01"));
		assertThat(DatabaseFailure.classify(batch)).isEqualTo(DatabaseFailure.TRANSIENT);
		assertThat(DatabaseFailure.classify(new RuntimeException(new SQLException("ERROR: no such column", "42703",
				new SQLException("ERROR: invalid byte sequence", "22021")))))
			.isEqualTo(DatabaseFailure.PROGRAMMING);
	}

	@Test
	void classifiesAFailedRollbackByTheFailureThatCausedIt() {
		TransactionSystemException afterLoss = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		afterLoss.initApplicationException(new SQLException("An I/O error occurred", "08006"));
		TransactionSystemException afterBadSql = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		afterBadSql.initApplicationException(new SQLException("ERROR: syntax error", "42601"));

		assertThat(DatabaseFailure.classify(afterLoss)).isEqualTo(DatabaseFailure.TRANSIENT);
		assertThat(DatabaseFailure.classify(afterBadSql)).isEqualTo(DatabaseFailure.PROGRAMMING);
	}

	@Test
	void describesAWrappedFailureByItsRootCauseWhereTheDatabaseSaysWhatHappened() {
		Exception refused = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("sluice-worker - Connection is not available", "53300",
						new SQLException("FATAL: sorry, too many clients already", "53300")));
		assertThat(DatabaseFailure.describe(refused)).startsWith(refused.toString())
			.endsWith("; root cause: java.sql.SQLException: FATAL: sorry, too many clients already");
	}

	@Test
	void describesAnUnwrappedFailureAsItself() {
		SQLException alone = new SQLException("ERROR: deadlock detected", "40P01");
		assertThat(DatabaseFailure.describe(alone)).isEqualTo(alone.toString());
	}

}
