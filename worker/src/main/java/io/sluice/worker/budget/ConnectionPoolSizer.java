package io.sluice.worker.budget;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Sizes the Hikari pool from the {@link ConnectionBudget} once Spring Boot has bound
 * {@code spring.datasource.hikari.*}, before the pool opens its first connection, and
 * refuses an explicit pool size that breaks the budget.
 */
class ConnectionPoolSizer implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizer.class);

	private final ObjectProvider<ConnectionBudget> budget;

	private final Environment environment;

	ConnectionPoolSizer(ObjectProvider<ConnectionBudget> budget, Environment environment) {
		this.budget = budget;
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
		pool.setMaximumPoolSize(budget.poolSize());
		pool.setMinimumIdle(budget.poolSize());
		log.info(
				"Connection budget: {} consumer threads (and {} on the express lane, taking turns with them), "
						+ "database pool {} (minimum idle {}), {} partitions declared",
				budget.consumerThreads(), budget.expressThreads(), budget.poolSize(), budget.poolSize(),
				budget.partitions());
		if (budget.idleThreads() > 0) {
			log.warn("{}={} exceeds the {} partitions of the chunk topic: {} consumer threads will idle. Lower {}.",
					ConnectionBudget.CONCURRENCY, budget.consumerThreads(), budget.partitions(), budget.idleThreads(),
					ConnectionBudget.CONCURRENCY);
		}
	}

}
