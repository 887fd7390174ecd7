package io.sluice.common.db;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailureTests {

	@ParameterizedTest
	@ValueSource(strings = { "08000", "08001", "08003", "08006", "08P01", "53300", "57P01", "57P02", "57P03", "40001",
			"40P01", "55P03" })
	void classifiesConnectionResourceAndConcurrencyStatesAsTransient(String sqlState) {
		assertThat(DatabaseFailure.classify(new SQLException("boom", sqlState))).isEqualTo(DatabaseFailure.TRANSIENT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "23505", "23503", "22021", "22001", "42P01", "42703", "XX000", "53100" })
	void classifiesDataAndProgrammingStatesAsPermanent(String sqlState) {
		assertThat(DatabaseFailure.classify(new SQLException("boom", sqlState))).isEqualTo(DatabaseFailure.PERMANENT);
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
	void treatsAFailureWithoutSqlStateAsPermanent() {
		assertThat(DatabaseFailure.classify(new IllegalStateException("bug"))).isEqualTo(DatabaseFailure.PERMANENT);
		assertThat(DatabaseFailure.classify(new SQLException("no state"))).isEqualTo(DatabaseFailure.PERMANENT);
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
		assertThat(DatabaseFailure.classify(afterBadSql)).isEqualTo(DatabaseFailure.PERMANENT);
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
