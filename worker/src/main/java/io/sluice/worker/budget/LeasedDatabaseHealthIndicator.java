package io.sluice.worker.budget;

import io.sluice.worker.budget.ConnectionLease.State;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The worker's {@code db} health: the database checked on a leased connection while the
 * worker holds a lease, and otherwise the answer to its last request for one, so that a
 * waiting worker's health checks open no connection outside the budget.
 */
class LeasedDatabaseHealthIndicator extends AbstractHealthIndicator {

	private final ConnectionLease lease;

	private final HealthIndicator onLeasedConnection;

	LeasedDatabaseHealthIndicator(ConnectionLease lease, HealthIndicator onLeasedConnection) {
		this.lease = lease;
		this.onLeasedConnection = onLeasedConnection;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		State state = this.lease.state();
		if (state.connections() > 0) {
			Health health = this.onLeasedConnection.health(true);
			builder.status(health.getStatus()).withDetails(health.getDetails());
			return;
		}
		builder.status(state.databaseAnswered() ? Status.UP : Status.DOWN)
			.withDetail("checked", "by the last request for a connection lease, at " + state.since())
			.withDetail("lease", state.reason());
	}

}
