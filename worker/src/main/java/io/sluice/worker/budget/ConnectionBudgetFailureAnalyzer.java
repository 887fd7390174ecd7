package io.sluice.worker.budget;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a broken connection budget into a plain start-up failure report instead of a
 * stack trace.
 */
class ConnectionBudgetFailureAnalyzer extends AbstractFailureAnalyzer<ConnectionBudgetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConnectionBudgetException cause) {
		return new FailureAnalysis("The worker's connection budget is broken: " + cause.getMessage(),
				"Each consumer thread needs exactly one connection and the pool is " + ConnectionBudget.CONCURRENCY
						+ " + 1. Change the setting named above.",
				cause);
	}

}
