package io.sluice.api.job.history;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the job listings: the caller's jobs and a job's failed photos, each read a
 * keyset page at a time (ADR 0024). Nothing to configure: page sizes are part of the
 * API's contract ({@link PageQuery}).
 */
@Configuration(proxyBeanMethods = false)
class JobHistoryConfiguration {

	@Bean
	JobHistory jobHistory(JdbcClient jdbc) {
		return new JobHistory(jdbc);
	}

	@Bean
	FailedPhotoPages failedPhotoPages(JdbcClient jdbc) {
		return new FailedPhotoPages(jdbc);
	}

}
