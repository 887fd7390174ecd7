package io.sluice.local;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackOffTests {

	private static final Duration BRIEF_RUN = Duration.ofSeconds(5);

	@Test
	void waitsOneSecondFirstThenTwiceAsLongEachTimeUpToThirtySeconds() {
		RestartBackOff backOff = new RestartBackOff();
		assertThat(IntStream.range(0, 8).mapToObj((exit) -> backOff.after(BRIEF_RUN).toSeconds())).containsExactly(1L,
				2L, 4L, 8L, 16L, 30L, 30L, 30L);
	}

	@Test
	void startsOverAfterAProcessRanForAMinute() {
		RestartBackOff backOff = new RestartBackOff();
		backOff.after(BRIEF_RUN);
		backOff.after(BRIEF_RUN);
		backOff.after(BRIEF_RUN);
		assertThat(backOff.after(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(8));
		assertThat(backOff.after(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(backOff.after(BRIEF_RUN)).isEqualTo(Duration.ofSeconds(2));
	}

}
