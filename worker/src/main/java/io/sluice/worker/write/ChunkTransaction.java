package io.sluice.worker.write;

import java.util.function.Supplier;

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
 */
class ChunkTransaction {

	private final PlatformTransactionManager transactionManager;

	ChunkTransaction(PlatformTransactionManager transactionManager) {
		this.transactionManager = transactionManager;
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
