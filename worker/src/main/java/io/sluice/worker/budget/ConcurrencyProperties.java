package io.sluice.worker.budget;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much work one worker process does at once. The connection pool is derived from it,
 * never configured on its own (see {@link ConnectionBudget}).
 *
 * @param concurrency consumer threads of this worker, each holding at most one database
 * connection at a time; the Hikari pool is this plus one
 */
@Validated
@ConfigurationProperties("sluice.worker")
record ConcurrencyProperties(@DefaultValue("2") @Min(1) int concurrency) {

}
