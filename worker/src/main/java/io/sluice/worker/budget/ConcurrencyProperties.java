package io.sluice.worker.budget;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much work one worker process does at once. The connection pool is derived from it,
 * never configured on its own (see {@link ConnectionBudget}).
 *
 * @param concurrency consumer threads of this worker on the main chunk topic, and the
 * number of chunk transactions it runs at once, each on one database connection; the
 * Hikari pool is this plus one
 * @param expressConcurrency consumer threads of this worker on the express lane; they
 * borrow no connection of their own but take turns with the main threads within
 * {@code concurrency} (ADR 0023)
 */
@Validated
@ConfigurationProperties("sluice.worker")
record ConcurrencyProperties(@DefaultValue("2") @Min(1) int concurrency,
		@DefaultValue("1") @Min(1) int expressConcurrency) {

}
