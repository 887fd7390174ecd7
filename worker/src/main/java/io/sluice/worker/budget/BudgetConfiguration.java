package io.sluice.worker.budget;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.chunk.ChunkTopicsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connection budget: derived from {@code sluice.worker.concurrency}, applied to the
 * Hikari pool, checked at start-up, kept by the {@link WriteSlots} every consumer thread
 * takes before it writes, and shared with the rest of the fleet through a
 * {@link ConnectionLease}.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

	@Bean
	ConnectionBudget connectionBudget(ConcurrencyProperties properties, FleetBudgetProperties fleet,
			ChunkTopicsProperties topics) {
		return new ConnectionBudget(properties.concurrency(), properties.expressConcurrency(), topics.partitions(),
				fleet.connectionBudget());
	}

	@Bean
	WriteSlots writeSlots(ConnectionBudget budget) {
		return new WriteSlots(budget.consumerThreads());
	}

	/** The turn of the reconciler and retention at the pool's spare connection. */
	@Bean
	SpareConnection spareConnection() {
		return new SpareConnection();
	}

	/** This worker's name in the lease table and on its sessions. */
	@Bean
	LeaseHolder leaseHolder(@Value("${spring.application.name:sluice-worker}") String application) {
		return LeaseHolder.forThisProcess(application);
	}

	@Bean
	static ConnectionPoolSizer connectionPoolSizer(ObjectProvider<ConnectionBudget> budget,
			ObjectProvider<LeaseHolder> holder, Environment environment) {
		return new ConnectionPoolSizer(budget, holder, environment);
	}

	/**
	 * The lease and what depends on it; off only for the dead-letter re-drive command,
	 * which runs no intake.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ConnectionPoolSizer.LEASE_ENABLED, matchIfMissing = true)
	static class LeaseConfiguration {

		@Bean
		ConnectionLease connectionLease(LeaseHolder holder, DataSource dataSource,
				PlatformTransactionManager transactionManager, WriteSlots slots, LeasedWork work,
				ConnectionBudget budget, LeaseProperties properties, MeterRegistry meters) {
			LeaseTable table = new LeaseTable(new JdbcTemplate(dataSource),
					new TransactionTemplate(transactionManager));
			if (!(dataSource instanceof HikariDataSource pool)) {
				throw new IllegalStateException("The connection lease sizes a Hikari pool, but the data source is a "
						+ dataSource.getClass().getName());
			}
			return new ConnectionLease(holder, table, pool, slots, work, budget, properties, meters);
		}

		@Bean
		LeaseHealthIndicator leaseHealthIndicator(ConnectionLease lease, ConnectionBudget budget) {
			return new LeaseHealthIndicator(lease, budget);
		}

		/** Replaces Spring Boot's {@code db} indicator (same name). */
		@Bean
		LeasedDatabaseHealthIndicator dbHealthIndicator(ConnectionLease lease, DataSource dataSource) {
			return new LeasedDatabaseHealthIndicator(lease, new DataSourceHealthIndicator(dataSource));
		}

	}

}
