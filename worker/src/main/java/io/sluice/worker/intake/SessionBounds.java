package io.sluice.worker.intake;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds that PostgreSQL itself keeps on every worker session, so that no worker, however
 * it fails, holds locks or a statement for long: a worker frozen or cut off in the middle
 * of a chunk transaction loses it, and its row locks go to the worker that took its
 * partitions over (ADR 0030). Set as the session's {@code options} when it connects
 * ({@link SessionBoundsApplier}) and checked against each other, the retry budget and the
 * consumer's {@code max.poll.interval.ms} at start-up ({@link #check}).
 *
 * @param lockTimeout longest wait for a row lock ({@code lock_timeout}); past it the
 * statement fails with {@code 55P03} and the chunk is retried
 * @param statementTimeout longest any statement may run ({@code statement_timeout}); past
 * it the statement is cancelled ({@code 57014}) and the chunk is retried
 * @param idleInTransactionTimeout longest a session may sit idle inside a transaction
 * ({@code idle_in_transaction_session_timeout}); past it PostgreSQL ends the session
 * ({@code 25P03}) and rolls its transaction back, so a frozen worker's locks are freed
 * @param tcpKeepAlive whether the worker's sockets send TCP keepalives, so that the
 * operating system notices a peer that is gone
 */
@Validated
@ConfigurationProperties("sluice.worker.db")
record SessionBounds(@DefaultValue("10s") @NotNull Duration lockTimeout,
		@DefaultValue("30s") @NotNull Duration statementTimeout,
		@DefaultValue("15s") @NotNull Duration idleInTransactionTimeout, @DefaultValue("true") boolean tcpKeepAlive) {

	/**
	 * The session options that set these bounds, in PostgreSQL's startup-option form.
	 * @return for example
	 * {@code -c lock_timeout=10000ms -c statement_timeout=30000ms ...}
	 */
	String options() {
		return "-c lock_timeout=" + this.lockTimeout.toMillis() + "ms -c statement_timeout="
				+ this.statementTimeout.toMillis() + "ms -c idle_in_transaction_session_timeout="
				+ this.idleInTransactionTimeout.toMillis() + "ms";
	}

	/**
	 * Refuses bounds that contradict each other or the consumer's poll interval.
	 * @param maxPollInterval the consumer's {@code max.poll.interval.ms}
	 * @throws IllegalStateException naming the settings to change
	 */
	void check(Duration maxPollInterval) {
		require(isPositive(this.lockTimeout) && isPositive(this.statementTimeout)
				&& isPositive(this.idleInTransactionTimeout),
				"sluice.worker.db.lock-timeout, statement-timeout and idle-in-transaction-timeout must all be "
						+ "positive: zero would let a worker hold locks or a statement forever");
		require(this.lockTimeout.compareTo(this.statementTimeout) < 0,
				"sluice.worker.db.lock-timeout (" + this.lockTimeout.toMillis()
						+ " ms) must be shorter than sluice.worker.db.statement-timeout ("
						+ this.statementTimeout.toMillis() + " ms), or a wait for a row lock would never end "
						+ "as a lock timeout");
		require(this.statementTimeout.compareTo(maxPollInterval) < 0,
				"sluice.worker.db.statement-timeout (" + this.statementTimeout.toMillis()
						+ " ms) must be shorter than spring.kafka.consumer.max-poll-interval ("
						+ maxPollInterval.toMillis()
						+ " ms): a statement that hangs must end before Kafka gives its consumer's partitions away");
		require(this.idleInTransactionTimeout.compareTo(maxPollInterval) < 0,
				"sluice.worker.db.idle-in-transaction-timeout (" + this.idleInTransactionTimeout.toMillis()
						+ " ms) must be shorter than spring.kafka.consumer.max-poll-interval ("
						+ maxPollInterval.toMillis() + " ms): a worker frozen in a transaction must lose its locks "
						+ "before Kafka gives its partitions away for not polling");
	}

	/**
	 * Whether a chunk stuck behind the row locks of a frozen worker gets them within its
	 * own retry budget (every attempt waiting out the lock timeout) rather than after
	 * pausing intake. Either way nothing is lost; this is only about how long it takes.
	 * @param maxAttempts {@code sluice.worker.retry.max-attempts}
	 * @return whether the idle-in-transaction timeout fits in the retry budget
	 */
	boolean freesLocksWithinRetryBudget(int maxAttempts) {
		return this.idleInTransactionTimeout.compareTo(this.lockTimeout.multipliedBy(maxAttempts)) <= 0;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
