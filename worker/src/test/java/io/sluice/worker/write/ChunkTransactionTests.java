package io.sluice.worker.write;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.sluice.common.db.DatabaseFailure;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.support.JdbcTransactionManager;
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
	void keepsTheCommitsSqlStateWhenTheConnectionIsTerminatedAtCommit() {
		ChunkTransaction transaction = ChunkTransaction.on(connectionTerminatedAtCommit());

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> transaction.run(() -> "written"))
			.satisfies((thrown) -> assertThat(DatabaseFailure.classify(thrown)).isEqualTo(DatabaseFailure.TRANSIENT));
	}

	@Test
	void springsTranslatingManagerWouldLoseTheCommitsSqlState() {
		// Why ChunkTransaction.on does not use the auto-configured
		// JdbcTransactionManager:
		// it rolls back after a failed commit and throws the rollback's failure instead.
		ChunkTransaction transaction = new ChunkTransaction(new JdbcTransactionManager(connectionTerminatedAtCommit()));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> transaction.run(() -> "written"))
			.satisfies((thrown) -> assertThat(DatabaseFailure.sqlState(thrown)).isEmpty());
	}

	@Test
	void returnsTheWorksResult() {
		assertThat(new ChunkTransaction(new RollbackFailsOnClosedConnection()).run(() -> "done")).isEqualTo("done");
	}

	/**
	 * A data source whose connection is terminated by the server at commit
	 * ({@code 57P01}), after which the pool has closed it: rolling back fails with a bare
	 * "Connection is closed".
	 */
	private static DataSource connectionTerminatedAtCommit() {
		Connection connection = (Connection) Proxy.newProxyInstance(ChunkTransactionTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
					case "commit" ->
						throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
					case "rollback" -> throw new SQLException("Connection is closed");
					case "getAutoCommit" -> true;
					case "isReadOnly", "isClosed" -> false;
					case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
					case "unwrap", "getMetaData" -> null;
					case "isWrapperFor" -> false;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
		return (DataSource) Proxy.newProxyInstance(ChunkTransactionTests.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getConnection" -> connection;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
	}

	/**
	 * What a pool does after it evicted a broken connection: rolling back fails with a
	 * bare SQLException that has no SQLState.
	 */
	static class RollbackFailsOnClosedConnection extends CountingTransactions {

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
		}

	}

	/**
	 * Transactions that do nothing but count how they end.
	 */
	static class CountingTransactions extends AbstractPlatformTransactionManager {

		final AtomicInteger commits = new AtomicInteger();

		final AtomicInteger rollbacks = new AtomicInteger();

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.commits.incrementAndGet();
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.rollbacks.incrementAndGet();
		}

	}

}
