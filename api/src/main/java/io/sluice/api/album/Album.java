package io.sluice.api.album;

import java.time.Instant;
import java.util.List;

/**
 * An album as an operator sees it.
 *
 * @param albumId the album
 * @param owner the owner who may import into it
 * @param claimedAt when its owner got it: its first job, or an operator's hand-over
 * @param sharedWith the other owners who may import into it, in alphabetical order
 */
record Album(long albumId, String owner, Instant claimedAt, List<String> sharedWith) {

}
