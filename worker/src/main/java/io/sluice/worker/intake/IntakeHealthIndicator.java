package io.sluice.worker.intake;

import java.util.Optional;

import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.intake.IntakePause.Paused;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code intake} component of the worker's readiness: down while chunk intake is
 * paused because the database refuses this worker's writes ({@link IntakePause}), and
 * after a programming failure until a chunk is written again, with the kind of failure,
 * its SQLState and the database's words in the details; up otherwise.
 */
class IntakeHealthIndicator extends AbstractHealthIndicator {

	private final IntakePause pause;

	IntakeHealthIndicator(IntakePause pause) {
		super("Intake health check failed");
		this.pause = pause;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Optional<Paused> state = this.pause.state();
		if (state.isEmpty()) {
			builder.up().withDetail("paused", false);
			return;
		}
		Paused paused = state.get();
		builder.down()
			.withDetail("paused", this.pause.isPaused())
			.withDetail("failure", (paused.kind() == DatabaseFailure.PROGRAMMING)
					? "programming: the schema, its privileges or Sluice is wrong; no retry helps until it is fixed"
					: "transient: the database cannot take writes now")
			.withDetail("sqlState", String.valueOf(paused.sqlState()))
			.withDetail("reason", paused.reason())
			.withDetail("since", paused.since().toString())
			.withDetail("failedProbes", paused.probes());
	}

}
