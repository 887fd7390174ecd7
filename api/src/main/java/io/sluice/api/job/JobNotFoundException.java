package io.sluice.api.job;

/**
 * No job with this id is visible to the caller: it does not exist, the id is not a UUID,
 * or the job belongs to someone else. The three are deliberately indistinguishable.
 */
public class JobNotFoundException extends RuntimeException {

	private final String id;

	public JobNotFoundException(String id) {
		super("No job " + id);
		this.id = id;
	}

	String id() {
		return this.id;
	}

}
