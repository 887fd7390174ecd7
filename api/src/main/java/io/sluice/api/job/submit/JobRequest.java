package io.sluice.api.job.submit;

import java.util.List;

/**
 * The body of {@code POST /api/v1/jobs}, as read; {@link JobRequestValidator} decides
 * whether it is acceptable.
 *
 * @param albumId the album the photos are added to
 * @param photos the photos, in the order they are to be imported
 * @param callback where to POST the job's final view when it ends, or {@code null} for no
 * callback (ADR 0041)
 */
record JobRequest(Long albumId, List<PhotoRequest> photos, CallbackRequest callback) {

	/**
	 * A request without a callback.
	 * @param albumId the album the photos are added to
	 * @param photos the photos
	 */
	JobRequest(Long albumId, List<PhotoRequest> photos) {
		this(albumId, photos, null);
	}

	/**
	 * The callback URL, if the request has one.
	 * @return the URL, or {@code null}
	 */
	String callbackUrl() {
		return (this.callback != null) ? this.callback.url() : null;
	}

	/**
	 * One photo of a {@link JobRequest}.
	 *
	 * @param url absolute http or https URL of an image already uploaded
	 * @param caption optional caption
	 */
	record PhotoRequest(String url, String caption) {

	}

	/**
	 * The callback of a {@link JobRequest}.
	 *
	 * @param url absolute https URL to which the job's final view is POSTed, signed with
	 * the Sluice-Signature header
	 */
	record CallbackRequest(String url) {

	}

}
