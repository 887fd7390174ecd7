package io.sluice.api.job;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the job event streams: one registry and one poller per API instance (ADR
 * 0022).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobEventsProperties.class)
class JobEventsConfiguration {

	@Bean
	JobEventStreams jobEventStreams(JobEventsProperties properties) {
		return new JobEventStreams(properties);
	}

	@Bean
	JobEventPoller jobEventPoller(JobRepository jobs, JobEventStreams streams, JobEventsProperties properties) {
		return new JobEventPoller(jobs, streams, properties);
	}

}
