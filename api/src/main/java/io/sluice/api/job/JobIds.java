package io.sluice.api.job;

import java.util.UUID;

/**
 * Job ids as they appear in paths ({@code /api/v1/jobs/{id}/...}): the one place that
 * decides what a well-formed id is, for every job endpoint.
 */
public final class JobIds {

	private JobIds() {
	}

	/**
	 * Reads a job id from a path, exactly as the API writes it.
	 * @param id the path segment
	 * @return the id
	 * @throws JobNotFoundException if it is not a job id in canonical form: a malformed
	 * id answers like an unknown one
	 */
	public static UUID parse(String id) {
		try {
			UUID uuid = UUID.fromString(id);
			if (!uuid.toString().equalsIgnoreCase(id)) {
				throw new JobNotFoundException(id);
			}
			return uuid;
		}
		catch (IllegalArgumentException ex) {
			throw new JobNotFoundException(id);
		}
	}

}
