package io.sluice.common.chunk;

/**
 * One photo inside a {@link PhotoChunk}: the URL of an image already uploaded, and an
 * optional caption.
 *
 * @param url absolute http or https URL of the image
 * @param caption caption shown with the photo, or {@code null}
 */
public record ChunkPhoto(String url, String caption) {

}
