package io.sluice.api.job.submit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.sluice.common.db.DatabaseFailure;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SubmitTransactionTests {

	private static final SQLException TERMINATED = new SQLException(
			"FATAL: terminating connection due to administrator command", "57P01");

	@Test
	void keepsARefusalWhenTheRollbackAfterItFails() {
		ScriptedTransactions transactions = new ScriptedTransactions(null,
				new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")));
		BacklogFullException refusal = new BacklogFullException("ida", 9_000, 2_000, 10_000, 30);

		assertThatExceptionOfType(BacklogFullException.class)
			.isThrownBy(() -> new SubmitTransaction(transactions).run(() -> {
				throw refusal;
			}, (commitFailure) -> "unused"))
			.satisfies((thrown) -> {
				assertThat(thrown).isSameAs(refusal);
				assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(TransactionSystemException.class);
			});
		assertThat(transactions.steps).containsExactly("begin", "rollback");
	}

	@Test
	void handsAFailedCommitToTheCallerWithItsSqlStateAndNoRollback() {
		ScriptedTransactions transactions = new ScriptedTransactions(
				new TransactionSystemException("Could not commit JDBC transaction", TERMINATED), null);
		List<TransactionException> handed = new ArrayList<>();

		String result = new SubmitTransaction(transactions).run(() -> "stored?", (commitFailure) -> {
			handed.add(commitFailure);
			return "looked up";
		});

		assertThat(result).isEqualTo("looked up");
		assertThat(handed).singleElement()
			.satisfies((failure) -> assertThat(DatabaseFailure.classify(failure)).isEqualTo(DatabaseFailure.TRANSIENT));
		assertThat(transactions.steps).containsExactly("begin", "commit");
	}

	@Test
	void returnsTheWorksResultOnceCommitted() {
		ScriptedTransactions transactions = new ScriptedTransactions(null, null);

		assertThat(new SubmitTransaction(transactions).run(() -> "stored", (commitFailure) -> "unused"))
			.isEqualTo("stored");
		assertThat(transactions.steps).containsExactly("begin", "commit");
	}

	/**
	 * Records each step of a transaction, and fails its commit or rollback as told.
	 */
	private static final class ScriptedTransactions extends AbstractPlatformTransactionManager {

		private final RuntimeException commitFailure;

		private final RuntimeException rollbackFailure;

		final List<String> steps = new ArrayList<>();

		ScriptedTransactions(RuntimeException commitFailure, RuntimeException rollbackFailure) {
			this.commitFailure = commitFailure;
			this.rollbackFailure = rollbackFailure;
		}

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.steps.add("begin");
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.steps.add("commit");
			if (this.commitFailure != null) {
				throw this.commitFailure;
			}
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.steps.add("rollback");
			if (this.rollbackFailure != null) {
				throw this.rollbackFailure;
			}
		}

	}

}
