package io.sluice.worker.intake;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SessionBoundsTests {

	private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

	@Test
	void setsEveryBoundAsASessionOptionInMilliseconds() {
		assertThat(bounds("10s", "30s", "15s").options()).isEqualTo(
				"-c lock_timeout=10000ms -c statement_timeout=30000ms -c idle_in_transaction_session_timeout=15000ms");
	}

	@Test
	void acceptsTheDefaults() {
		assertThatNoException().isThrownBy(() -> bounds("10s", "30s", "15s").check(MAX_POLL_INTERVAL));
	}

	@Test
	void refusesABoundOfZeroWhichWouldMeanNone() {
		assertThatIllegalStateException().isThrownBy(() -> bounds("10s", "30s", "0s").check(MAX_POLL_INTERVAL))
			.withMessageContaining("idle-in-transaction-timeout")
			.withMessageContaining("positive");
	}

	@Test
	void refusesALockTimeoutThatTheStatementTimeoutWouldCutShort() {
		assertThatIllegalStateException().isThrownBy(() -> bounds("10s", "10s", "15s").check(MAX_POLL_INTERVAL))
			.withMessageContaining("sluice.worker.db.lock-timeout (10000 ms) must be shorter than "
					+ "sluice.worker.db.statement-timeout (10000 ms)");
	}

	@Test
	void refusesAStatementTimeoutAsLongAsThePollInterval() {
		assertThatIllegalStateException().isThrownBy(() -> bounds("10s", "30s", "15s").check(Duration.ofSeconds(30)))
			.withMessageContaining("sluice.worker.db.statement-timeout (30000 ms) must be shorter than "
					+ "spring.kafka.consumer.max-poll-interval (30000 ms)");
	}

	@Test
	void refusesAnIdleInTransactionTimeoutAsLongAsThePollInterval() {
		assertThatIllegalStateException().isThrownBy(() -> bounds("1s", "10s", "20s").check(Duration.ofSeconds(15)))
			.withMessageContaining("sluice.worker.db.idle-in-transaction-timeout (20000 ms)");
	}

	@Test
	void tellsWhetherAFrozenWorkersLocksAreFreedWithinTheRetryBudget() {
		assertThat(bounds("10s", "30s", "15s").freesLocksWithinRetryBudget(4)).isTrue();
		assertThat(bounds("500ms", "30s", "15s").freesLocksWithinRetryBudget(3)).isFalse();
	}

	private static SessionBounds bounds(String lock, String statement, String idle) {
		return new SessionBounds(parse(lock), parse(statement), parse(idle), true);
	}

	private static Duration parse(String duration) {
		return duration.endsWith("ms") ? Duration.ofMillis(Long.parseLong(duration.replace("ms", "")))
				: Duration.ofSeconds(Long.parseLong(duration.replace("s", "")));
	}

}
