package io.sluice.api.job.submit;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/jobs}, as read; {@link JobRequestValidator} decides
 * whether it is acceptable.
 *
 * @param albumId the album the photos are added to
 * @param photos the photos, in the order they are to be imported
 * @param callback where to POST the job's final view when it ends, or {@code null} for no
 * callback (ADR 0041)
 */
@Schema(description = "A bulk import: photos already uploaded, to be added to one album",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record JobRequest(
		@Schema(description = "The album the photos are added to; the first job for it makes the caller its owner",
				requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "42") Long albumId,
		@ArraySchema(arraySchema = @Schema(
				description = "The photos, in the order they are to be imported: 1 to "
						+ "sluice.api.jobs.max-photos (100,000 by default)",
				requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1) List<PhotoRequest> photos,
		@Schema(description = "Where to POST the job's final view once it ends; optional") CallbackRequest callback) {

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
	@Schema(description = "One photo", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record PhotoRequest(
			@Schema(description = "Absolute http or https URL of an image already uploaded; a photo "
					+ "whose URL is already in the album counts as a duplicate",
					requiredMode = Schema.RequiredMode.REQUIRED, maxLength = PhotoUrlRule.MAX_LENGTH,
					example = "https://images.example.com/2026/12/beach-0001.jpg") String url,
			@Schema(description = "Optional caption, at most " + JobRequestValidator.MAX_CAPTION_LENGTH + " characters",
					maxLength = JobRequestValidator.MAX_CAPTION_LENGTH,
					example = "Sunset at the beach") String caption) {

	}

	/**
	 * The callback of a {@link JobRequest}.
	 *
	 * @param url absolute https URL to which the job's final view is POSTed, signed with
	 * the Sluice-Signature header
	 */
	@Schema(description = "A callback: the job's final view is POSTed here, signed (Sluice-Signature), once it ends",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record CallbackRequest(@Schema(
			description = "Absolute https URL outside private networks, at most 2,048 " + "characters",
			requiredMode = Schema.RequiredMode.REQUIRED, example = "https://hooks.example.com/sluice") String url) {

	}

}
