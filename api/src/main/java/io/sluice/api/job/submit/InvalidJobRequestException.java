package io.sluice.api.job.submit;

/**
 * A job request broke one or more rules; nothing was stored or published. Answered with
 * 400 and the violations.
 */
class InvalidJobRequestException extends RuntimeException {

	private final transient Violations violations;

	InvalidJobRequestException(Violations violations) {
		super("Job request has " + violations.count() + " violation(s)");
		this.violations = violations;
	}

	Violations violations() {
		return this.violations;
	}

}
