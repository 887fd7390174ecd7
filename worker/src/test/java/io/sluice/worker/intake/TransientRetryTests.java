package io.sluice.worker.intake;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TransientRetryTests {

	private static final PhotoChunk CHUNK = new PhotoChunk(PhotoChunk.SCHEMA_VERSION, UUID.randomUUID(), "alice", 7, 0,
			1, 0, List.of(new ChunkPhoto("https://img.example/1.jpg", null)));

	@Test
	void buildsTheResilience4jPolicyFromProperties() {
		TransientRetry retry = new TransientRetry(properties(5, Duration.ofMillis(100), Duration.ofSeconds(2)));
		assertThat(retry.config().getMaxAttempts()).isEqualTo(5);
		long firstWait = retry.config().getIntervalBiFunction().apply(1, null);
		assertThat(firstWait).isBetween(50L, 150L);
		long laterWait = retry.config().getIntervalBiFunction().apply(10, null);
		assertThat(laterWait).isBetween(1000L, 3000L);
	}

	@Test
	void retriesATransientFailureUntilItSucceeds() {
		TransientRetry retry = new TransientRetry(properties(4, Duration.ofMillis(1), Duration.ofMillis(2)));
		AtomicInteger attempts = new AtomicInteger();
		String result = retry.run(CHUNK, () -> {
			if (attempts.incrementAndGet() < 3) {
				throw connectionLost();
			}
			return "written";
		});
		assertThat(result).isEqualTo("written");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void givesUpOnATransientFailureAfterMaxAttempts() {
		TransientRetry retry = new TransientRetry(properties(3, Duration.ofMillis(1), Duration.ofMillis(2)));
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> retry.run(CHUNK, () -> {
			attempts.incrementAndGet();
			throw connectionLost();
		}));
		assertThat(attempts).hasValue(3);
	}

	@Test
	void neverRetriesAPermanentFailure() {
		TransientRetry retry = new TransientRetry(properties(5, Duration.ofMillis(1), Duration.ofMillis(2)));
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(UncategorizedSQLException.class).isThrownBy(() -> retry.run(CHUNK, () -> {
			attempts.incrementAndGet();
			throw new UncategorizedSQLException("insert", "INSERT",
					new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
		}));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void computesTheWorstCaseWaitWithEveryWaitAtItsRandomMaximum() {
		TransientRetry retry = new TransientRetry(properties(5, Duration.ofMillis(100), Duration.ofMillis(300)));
		// waits 100, 200, 300 (capped), 300 (capped), each up to +50%
		assertThat(retry.worstCaseWait()).isEqualTo(Duration.ofMillis(1350));
	}

	@Test
	void acceptsTheDefaultsUnderKafkasDefaultPollInterval() {
		TransientRetry retry = new TransientRetry(new RetryProperties(4, Duration.ofMillis(200), 2.0, 0.5,
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1)));
		assertThatNoException().isThrownBy(() -> retry.checkFits(Duration.ofMinutes(5)));
	}

	@Test
	void refusesABudgetThatCouldOutlastHalfThePollInterval() {
		TransientRetry retry = new TransientRetry(properties(4, Duration.ofMillis(200), Duration.ofSeconds(2)));
		assertThatIllegalStateException().isThrownBy(() -> retry.checkFits(Duration.ofSeconds(10)))
			.withMessageContaining("sluice.worker.retry")
			.withMessageContaining("spring.kafka.consumer.max-poll-interval");
	}

	private static RetryProperties properties(int maxAttempts, Duration initialInterval, Duration maxInterval) {
		return new RetryProperties(maxAttempts, initialInterval, 2.0, 0.5, maxInterval, Duration.ofSeconds(5),
				Duration.ofSeconds(1));
	}

	private static DataAccessResourceFailureException connectionLost() {
		return new DataAccessResourceFailureException("connection lost",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));
	}

}
