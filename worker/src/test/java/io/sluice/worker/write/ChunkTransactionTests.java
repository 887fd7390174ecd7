package io.sluice.worker.write;

import java.sql.SQLException;

import io.sluice.common.db.DatabaseFailure;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChunkTransactionTests {

	@Test
	void throwsTheWorksOwnFailureWhenTheRollbackFailsToo() {
		ChunkTransaction transaction = new ChunkTransaction(new RollbackFailsOnClosedConnection());
		DataAccessResourceFailureException connectionLost = new DataAccessResourceFailureException("I/O error",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> transaction.run(() -> {
			throw connectionLost;
		})).satisfies((thrown) -> {
			assertThat(thrown).isSameAs(connectionLost);
			assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(TransactionSystemException.class);
			assertThat(DatabaseFailure.classify(thrown)).isEqualTo(DatabaseFailure.TRANSIENT);
		});
	}

	@Test
	void returnsTheWorksResult() {
		assertThat(new ChunkTransaction(new RollbackFailsOnClosedConnection()).run(() -> "done")).isEqualTo("done");
	}

	/**
	 * What a pool does after it evicted a broken connection: rolling back fails with a
	 * bare SQLException that has no SQLState.
	 */
	static class RollbackFailsOnClosedConnection extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
		}

	}

}
