package io.sluice.api.album;

import java.time.Instant;
import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An album as an operator sees it.
 *
 * @param albumId the album
 * @param owner the owner who may import into it
 * @param claimedAt when its owner got it: its first job, or an operator's hand-over
 * @param sharedWith the other owners who may import into it, in alphabetical order
 */
@Schema(description = "Who owns an album, and whom it is shared with")
record Album(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "42") long albumId,
		@Schema(description = "The owner who may import into it", requiredMode = Schema.RequiredMode.REQUIRED,
				example = "alice") String owner,
		@Schema(description = "When its owner got it: its first job, or an operator's hand-over",
				requiredMode = Schema.RequiredMode.REQUIRED) Instant claimedAt,
		@Schema(description = "The other owners who may import into it, in alphabetical order",
				requiredMode = Schema.RequiredMode.REQUIRED) List<String> sharedWith) {

}
