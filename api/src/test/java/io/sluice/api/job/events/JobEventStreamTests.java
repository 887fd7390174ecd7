package io.sluice.api.job.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobEventStreamTests {

	@Test
	void resumesAfterTheVersionTheClientNames() {
		assertThat(JobEventStream.resumeAfter("1795867212345678")).isEqualTo(1795867212345678L);
		assertThat(JobEventStream.resumeAfter(" 42 ")).isEqualTo(42);
	}

	@Test
	void startsFromTheBeginningWithoutAUsableLastEventId() {
		assertThat(JobEventStream.resumeAfter(null)).isZero();
		assertThat(JobEventStream.resumeAfter("")).isZero();
		assertThat(JobEventStream.resumeAfter("not-a-version")).isZero();
		assertThat(JobEventStream.resumeAfter("-5")).isZero();
	}

}
