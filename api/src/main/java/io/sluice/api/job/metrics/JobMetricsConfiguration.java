package io.sluice.api.job.metrics;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sluice.jobs} gauge, counted from the database on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobMetricsProperties.class)
class JobMetricsConfiguration {

	@Bean
	JobStatusGauge jobStatusGauge(DataSource dataSource, JobMetricsProperties properties, MeterRegistry meters) {
		return new JobStatusGauge(dataSource, properties.jobsInterval(), meters);
	}

}
