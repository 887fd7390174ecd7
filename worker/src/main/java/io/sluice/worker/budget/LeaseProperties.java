package io.sluice.worker.budget;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker keeps its share of the fleet's connection budget
 * ({@code sluice.db.connection-budget}).
 *
 * @param heartbeat how often a worker with a lease says it is alive
 * @param ttl how old a heartbeat may get before the lease is reclaimed by another worker;
 * a worker stops writing and closes its connections once its own last heartbeat is
 * {@code ttl - 2 x heartbeat} old, before anyone can reclaim it
 * @param retry how often a worker without a lease asks again
 */
@Validated
@ConfigurationProperties("sluice.worker.lease")
public record LeaseProperties(@DefaultValue("5s") @NotNull Duration heartbeat,
		@DefaultValue("60s") @NotNull Duration ttl, @DefaultValue("5s") @NotNull Duration retry) {

	public LeaseProperties {
		if (ttl.compareTo(heartbeat.multipliedBy(4)) < 0) {
			throw new IllegalArgumentException("sluice.worker.lease.ttl (" + ttl.toMillis()
					+ " ms) must be at least 4 x sluice.worker.lease.heartbeat (" + heartbeat.toMillis()
					+ " ms), so that a worker notices a lost lease before anyone can reclaim it");
		}
	}

	/** How long a worker keeps writing without a successful heartbeat. */
	Duration fenceAfter() {
		return this.ttl.minus(this.heartbeat.multipliedBy(2));
	}

}
