package io.sluice.worker.budget;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LeasePropertiesTests {

	@Test
	void stopsWritingTwoHeartbeatsBeforeTheLeaseCanBeReclaimed() {
		LeaseProperties properties = new LeaseProperties(Duration.ofSeconds(5), Duration.ofSeconds(60),
				Duration.ofSeconds(5));
		assertThat(properties.fenceAfter()).isEqualTo(Duration.ofSeconds(50));
	}

	@Test
	void refusesATimeToLiveShorterThanFourHeartbeats() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LeaseProperties(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5)))
			.withMessageContaining("sluice.worker.lease.ttl (15000 ms)");
	}

}
