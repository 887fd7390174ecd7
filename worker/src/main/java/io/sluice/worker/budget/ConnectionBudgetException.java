package io.sluice.worker.budget;

/**
 * The worker's own settings break the connection budget; its message names the setting to
 * change. Thrown at start-up only.
 */
class ConnectionBudgetException extends IllegalStateException {

	ConnectionBudgetException(String message) {
		super(message);
	}

}
