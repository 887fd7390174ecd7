package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The photos of one run: {@code count} distinct URLs in one album, the same shape for
 * every variant, so each writes the same bytes into the same table.
 *
 * @param albumId the album, distinct per run
 * @param count how many photos
 * @param jobId the {@code job_id} the direct variants write (Sluice uses its own)
 */
record PhotoSet(long albumId, int count, UUID jobId) {

	static PhotoSet of(long albumId, int count) {
		return new PhotoSet(albumId, count, UUID.randomUUID());
	}

	String url(int index) {
		return "https://images.example.com/bench/" + this.albumId + "/" + index + ".jpg";
	}

	String caption(int index) {
		return "Photo " + index + " of album " + this.albumId;
	}

	/**
	 * The {@code POST /api/v1/jobs} body for these photos.
	 * @return UTF-8 JSON
	 */
	byte[] jobRequest() {
		StringBuilder body = new StringBuilder(this.count * 110).append("{\"albumId\":")
			.append(this.albumId)
			.append(",\"photos\":[");
		for (int i = 0; i < this.count; i++) {
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"url\":\"").append(url(i)).append("\",\"caption\":\"").append(caption(i)).append("\"}");
		}
		return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

}
