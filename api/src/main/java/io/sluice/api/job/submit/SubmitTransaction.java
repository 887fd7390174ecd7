package io.sluice.api.job.submit;

import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * Runs the statements that record a submitted job in one transaction, so that whatever
 * fails, the failure the API answers with is the one the driver reported, with its
 * SQLState (ADR 0006, amended).
 *
 * <p>
 * Spring's {@code TransactionTemplate} on a {@code JdbcTransactionManager} loses it when
 * PostgreSQL terminates the connection ({@code 57P01}) or it breaks: the pool closes the
 * connection at once, and the rollback that follows fails with a bare "Connection is
 * closed" that has no SQLState. When a statement failed, the template throws that
 * rollback failure; when the {@code COMMIT} failed, the manager translates it, rolls back
 * on the dead connection and throws the rollback's failure alone, which the API answered
 * with 500. Here a failed statement is rethrown as it is, the rollback's failure
 * suppressed, and a failed commit is handed to the caller (see {@link #run}), with its
 * driver exception as cause: a plain {@link DataSourceTransactionManager} attempts no
 * rollback after a failed commit.
 *
 * <p>
 * Use it for short transactions of one request. Not for chunk writes: the workers have
 * their own, which also retries a chunk whose job ended meanwhile.
 */
final class SubmitTransaction {

	private final PlatformTransactionManager transactions;

	SubmitTransaction(PlatformTransactionManager transactions) {
		this.transactions = transactions;
	}

	/**
	 * Transactions on the connections of {@code dataSource}, not on whichever manager the
	 * context holds: the producer is transactional, so that may be Kafka's.
	 * @param dataSource the API's pool
	 * @return a transaction runner
	 */
	static SubmitTransaction on(DataSource dataSource) {
		return new SubmitTransaction(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Runs {@code work} and commits.
	 * @param <T> what the work returns
	 * @param work the statements
	 * @param afterFailedCommit what to return, or throw, when the commit failed: the
	 * commit may still have happened, so only the caller can tell what was stored
	 * @return the work's result, or {@code afterFailedCommit}'s
	 * @throws TransactionException if the transaction could not begin
	 * @throws RuntimeException the work's own failure, after a rollback (whose own
	 * failure, if any, is suppressed)
	 */
	<T> T run(Supplier<T> work, Function<TransactionException, T> afterFailedCommit) {
		TransactionStatus transaction = this.transactions.getTransaction(TransactionDefinition.withDefaults());
		T result;
		try {
			result = work.get();
		}
		catch (RuntimeException | Error failure) {
			try {
				this.transactions.rollback(transaction);
			}
			catch (RuntimeException rollbackFailure) {
				failure.addSuppressed(rollbackFailure);
			}
			throw failure;
		}
		try {
			this.transactions.commit(transaction);
		}
		catch (TransactionException commitFailure) {
			return afterFailedCommit.apply(commitFailure);
		}
		return result;
	}

}
