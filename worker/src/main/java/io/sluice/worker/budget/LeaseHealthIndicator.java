package io.sluice.worker.budget;

import io.sluice.worker.budget.ConnectionLease.State;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code lease} component of the worker's readiness: up while the worker holds a
 * lease of the fleet's connection budget, down while it waits for one.
 */
class LeaseHealthIndicator extends AbstractHealthIndicator {

	private final ConnectionLease lease;

	private final ConnectionBudget budget;

	LeaseHealthIndicator(ConnectionLease lease, ConnectionBudget budget) {
		this.lease = lease;
		this.budget = budget;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		State state = this.lease.state();
		builder.withDetail("holder", this.lease.holder())
			.withDetail("connections", state.connections())
			.withDetail("wanted", this.budget.poolSize())
			.withDetail("budget", this.budget.fleetBudget())
			.withDetail("since", state.since().toString());
		if (state.connections() > 0) {
			builder.up().withDetail("consumerThreads", state.connections() - 1);
		}
		else {
			builder.down().withDetail("waiting", state.reason());
		}
	}

}
