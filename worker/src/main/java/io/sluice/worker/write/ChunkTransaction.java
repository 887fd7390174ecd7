package io.sluice.worker.write;

import javax.sql.DataSource;

import java.util.function.Supplier;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * Runs work in one transaction and, when the work fails, throws the work's own failure.
 *
 * <p>
 * Spring's {@code TransactionTemplate} would replace the work's failure with the
 * rollback's when the rollback fails too, and after a lost connection it always does: the
 * pool has already closed the broken connection, so the rollback fails with a bare
 * "Connection is closed" that has no SQLState. Classifying that would turn a transient
 * connection loss into a permanent failure; the work's own failure carries the real
 * SQLState, and the rollback's is kept as a suppressed exception.
 *
 * <p>
 * The same happens when the commit itself fails: Spring's {@code JdbcTransactionManager}
 * translates the commit's {@code SQLException} into a runtime exception, tries to roll
 * back on the dead connection, and throws that rollback's failure instead.
 * {@link #on(DataSource)} therefore uses a plain {@link DataSourceTransactionManager},
 * whose failed commit is a {@code TransactionSystemException} caused by the driver's
 * exception, with no rollback attempted: its SQLState (say {@code 57P01}) survives, and
 * the failure stays transient. A commit that fails may still have happened; the chunk
 * ledger makes the retry harmless.
 */
class ChunkTransaction {

	private final PlatformTransactionManager transactionManager;

	ChunkTransaction(PlatformTransactionManager transactionManager) {
		this.transactionManager = transactionManager;
	}

	/**
	 * Transactions on the connections of {@code dataSource} whose failures, at any step,
	 * keep the driver's SQLState.
	 * @param dataSource the worker's pool
	 * @return a chunk transaction runner
	 */
	static ChunkTransaction on(DataSource dataSource) {
		return new ChunkTransaction(new DataSourceTransactionManager(dataSource));
	}

	<T> T run(Supplier<T> work) {
		TransactionStatus transaction = this.transactionManager.getTransaction(TransactionDefinition.withDefaults());
		T result;
		try {
			result = work.get();
		}
		catch (RuntimeException | Error failure) {
			rollBack(transaction, failure);
			throw failure;
		}
		this.transactionManager.commit(transaction);
		return result;
	}

	private void rollBack(TransactionStatus transaction, Throwable failure) {
		try {
			this.transactionManager.rollback(transaction);
		}
		catch (RuntimeException rollbackFailure) {
			failure.addSuppressed(rollbackFailure);
		}
	}

}
