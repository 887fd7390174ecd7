package io.sluice.api.job.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wiring of the job event streams: one registry and one poller per API instance (ADR
 * 0022), and the gauge {@value #STREAMS_GAUGE}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobEventsProperties.class)
class JobEventsConfiguration {

	/** The gauge of open job event streams. */
	static final String STREAMS_GAUGE = "sluice.api.events.streams";

	@Bean
	JobEventStreams jobEventStreams(JobEventsProperties properties, MeterRegistry meters) {
		JobEventStreams streams = new JobEventStreams(properties);
		Gauge.builder(STREAMS_GAUGE, streams, JobEventStreams::size)
			.description("Job event streams open on this API instance (at most sluice.api.events.max-streams)")
			.register(meters);
		return streams;
	}

	@Bean
	JobEventPoller jobEventPoller(JdbcTemplate jdbc, JobEventStreams streams, JobEventsProperties properties) {
		return new JobEventPoller(new WatchedJobs(jdbc), streams, properties);
	}

}
