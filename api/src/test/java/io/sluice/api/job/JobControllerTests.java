package io.sluice.api.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobControllerTests {

	@Test
	void suggestsPollingSoonerForSmallerJobs() {
		assertThat(JobController.retryAfterSeconds(1)).isEqualTo(1);
		assertThat(JobController.retryAfterSeconds(10_000)).isEqualTo(3);
		assertThat(JobController.retryAfterSeconds(100_000)).isEqualTo(21);
	}

	@Test
	void capsTheSuggestedDelay() {
		assertThat(JobController.retryAfterSeconds(10_000_000)).isEqualTo(JobController.MAX_RETRY_AFTER_SECONDS);
	}

}
