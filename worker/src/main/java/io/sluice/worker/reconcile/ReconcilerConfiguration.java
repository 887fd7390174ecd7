package io.sluice.worker.reconcile;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Runs a {@link Reconciler} in every worker unless
 * {@code sluice.worker.reconciler.enabled=false}. A tick borrows one connection from the
 * worker's pool of {@code C + 1} for a few milliseconds, sharing the spare connection
 * with health checks: the pool, and so the fleet-wide connection budget, is unchanged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sluice.worker.reconciler.enabled", matchIfMissing = true)
class ReconcilerConfiguration {

	@Bean
	Reconciler reconciler(DataSource dataSource, JdbcClient jdbc, ReconcilerProperties properties,
			MeterRegistry meters) {
		return new Reconciler(new DataSourceTransactionManager(dataSource), new OpenJobs(jdbc), properties,
				Clock.systemUTC(), meters);
	}

	@Bean
	ReconcilerSchedule reconcilerSchedule(Reconciler reconciler, ReconcilerProperties properties) {
		return new ReconcilerSchedule(reconciler, properties.interval());
	}

}
