package io.sluice.worker.budget;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The connection budget: derived from {@code sluice.worker.concurrency}, applied to the
 * Hikari pool, checked at start-up, and kept by the {@link WriteSlots} every consumer
 * thread takes before it writes.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

	@Bean
	ConnectionBudget connectionBudget(ConcurrencyProperties properties,
			@Value("${sluice.kafka.partitions:12}") int partitions) {
		return new ConnectionBudget(properties.concurrency(), properties.expressConcurrency(), partitions);
	}

	@Bean
	WriteSlots writeSlots(ConnectionBudget budget) {
		return new WriteSlots(budget.consumerThreads());
	}

	@Bean
	static ConnectionPoolSizer connectionPoolSizer(ObjectProvider<ConnectionBudget> budget, Environment environment) {
		return new ConnectionPoolSizer(budget, environment);
	}

}
