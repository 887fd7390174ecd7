package io.sluice.worker.budget;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Sizes the Hikari pool once Spring Boot has bound {@code spring.datasource.hikari.*},
 * before the pool opens its first connection: to one connection, for migrations and for
 * asking for a lease, until the {@link ConnectionLease} grows it to the lease. Names its
 * sessions after the {@link LeaseHolder}, so that a worker reclaiming this one's expired
 * lease can end them. Refuses an explicit pool size that breaks the budget, and logs the
 * effective connection figures.
 */
class ConnectionPoolSizer implements BeanPostProcessor {

	/** Off only in the dead-letter re-drive command, which runs no intake. */
	static final String LEASE_ENABLED = "sluice.worker.lease.enabled";

	private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizer.class);

	private final ObjectProvider<ConnectionBudget> budget;

	private final ObjectProvider<LeaseHolder> holder;

	private final Environment environment;

	ConnectionPoolSizer(ObjectProvider<ConnectionBudget> budget, ObjectProvider<LeaseHolder> holder,
			Environment environment) {
		this.budget = budget;
		this.holder = holder;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			size(pool, this.budget.getObject());
		}
		return bean;
	}

	private void size(HikariDataSource pool, ConnectionBudget budget) {
		Binder.get(this.environment)
			.bind(ConnectionBudget.POOL_SIZE, Integer.class)
			.ifBound(budget::checkConfiguredPoolSize);
		if (!this.environment.getProperty(LEASE_ENABLED, Boolean.class, true)) {
			pool.setMaximumPoolSize(budget.poolSize());
			pool.setMinimumIdle(budget.poolSize());
			return;
		}
		pool.addDataSourceProperty("ApplicationName", this.holder.getObject().applicationName());
		// Two connections, to migrate (Flyway takes two) and to ask for a lease; the
		// lease sizes the pool.
		pool.setMaximumPoolSize(ConnectionBudget.KEPT_FOR_STARTING);
		pool.setMinimumIdle(0);
		log.info("Connection budget: this worker asks the fleet's budget of {} connections ({}, {} of them kept "
				+ "for starting workers) for {}: {} consumer threads and 1 spare (health checks, the reconciler). "
				+ "Until a lease is granted it holds at most {}, to migrate and to ask. {} consumer threads on the "
				+ "express lane take turns with the main ones; {} partitions declared", budget.fleetBudget(),
				ConnectionBudget.FLEET_BUDGET, ConnectionBudget.KEPT_FOR_STARTING, budget.poolSize(),
				budget.consumerThreads(), ConnectionBudget.KEPT_FOR_STARTING, budget.expressThreads(),
				budget.partitions());
		if (budget.poolSize() > budget.grantable()) {
			log.warn(
					"{}={} wants {} connections, more than the {} the fleet's budget can ever lease: "
							+ "this worker will run with fewer. Raise {} or lower {}.",
					ConnectionBudget.CONCURRENCY, budget.consumerThreads(), budget.poolSize(), budget.grantable(),
					ConnectionBudget.FLEET_BUDGET, ConnectionBudget.CONCURRENCY);
		}
		if (budget.idleThreads() > 0) {
			log.warn("{}={} exceeds the {} partitions of the chunk topic: {} consumer threads will idle. Lower {}.",
					ConnectionBudget.CONCURRENCY, budget.consumerThreads(), budget.partitions(), budget.idleThreads(),
					ConnectionBudget.CONCURRENCY);
		}
	}

}
