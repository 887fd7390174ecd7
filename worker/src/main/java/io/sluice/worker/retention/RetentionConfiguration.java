package io.sluice.worker.retention;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.chunk.ChunkTopicsProperties;
import io.sluice.worker.budget.ConnectionLease;
import io.sluice.worker.budget.SpareConnection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Runs a {@link RetentionCleanup} in every worker unless
 * {@code sluice.retention.enabled=false}. Its batches borrow one connection of the
 * worker's pool of {@code C + 1}, in turns with the reconciler at the spare connection:
 * the pool, and so the fleet-wide connection budget, is unchanged (ADR 0042).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sluice.retention.enabled", matchIfMissing = true)
class RetentionConfiguration {

	@Bean
	RetentionCleanup retentionCleanup(DataSource dataSource, JdbcClient jdbc, SpareConnection spare,
			RetentionProperties properties, ChunkTopicsProperties topics, MeterRegistry meters) {
		requireJobsOutliveTheirChunks(properties, topics);
		return new RetentionCleanup(new DataSourceTransactionManager(dataSource), new ExpiredRows(jdbc), spare,
				properties, Clock.systemUTC(), meters);
	}

	@Bean
	RetentionSchedule retentionSchedule(RetentionCleanup cleanup, RetentionProperties properties,
			ConnectionLease lease) {
		return new RetentionSchedule(cleanup, lease::isHeld, properties.interval());
	}

	/**
	 * A chunk still on its topic must find its job: one whose job was deleted would be
	 * dead-lettered as a chunk of an unknown job.
	 */
	static void requireJobsOutliveTheirChunks(RetentionProperties properties, ChunkTopicsProperties topics) {
		if (properties.jobs().compareTo(topics.chunkRetention()) <= 0) {
			throw new IllegalStateException("sluice.retention.jobs (" + RetentionCleanup.describe(properties.jobs())
					+ ") must be longer than sluice.kafka.chunk-retention ("
					+ RetentionCleanup.describe(topics.chunkRetention())
					+ "): a chunk still on its topic must find its job, or it is dead-lettered as a chunk of an "
					+ "unknown job");
		}
	}

}
