package io.sluice.api.job.submit;

import java.util.List;

/**
 * The body of {@code POST /api/v1/jobs}, as read; {@link JobRequestValidator} decides
 * whether it is acceptable.
 *
 * @param albumId the album the photos are added to
 * @param photos the photos, in the order they are to be imported
 */
record JobRequest(Long albumId, List<PhotoRequest> photos) {

	/**
	 * One photo of a {@link JobRequest}.
	 *
	 * @param url absolute http or https URL of an image already uploaded
	 * @param caption optional caption
	 */
	record PhotoRequest(String url, String caption) {

	}

}
