package io.sluice.api.album;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of an operator's hand-over: {@code {"owner": "bob"}}.
 *
 * @param owner the token subject that is to own the album
 */
@Schema(description = "The owner an album is handed over to",
		additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record OwnerChange(
		@Schema(description = "The token subject that is to own the album", requiredMode = Schema.RequiredMode.REQUIRED,
				maxLength = AlbumAdminController.MAX_OWNER_LENGTH, example = "bob") String owner) {

}
