package io.sluice.worker.webhook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryBackoffTests {

	@Test
	void doublesFromTheInitialWaitUpToTheLongest() {
		DeliveryBackoff backoff = new DeliveryBackoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.5);

		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(backoff.after(9)).isEqualTo(Duration.ofSeconds(2560));
		assertThat(backoff.after(10)).isEqualTo(Duration.ofHours(1));
		assertThat(backoff.after(1_000)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void drawsEachWaitBetweenHalfAndOneAndAHalfTimesIt() {
		assertThat(new DeliveryBackoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.0).after(2))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(new DeliveryBackoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.9).after(2))
			.isEqualTo(Duration.ofSeconds(28));
		assertThat(new DeliveryBackoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.0).after(100))
			.isEqualTo(Duration.ofMinutes(30));
	}

}
