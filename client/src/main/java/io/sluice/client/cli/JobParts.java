package io.sluice.client.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.model.JobRequest;
import io.sluice.client.model.PhotoRequest;

/**
 * A file's photos cut into jobs of at most {@code maxPhotos} each, in the file's order,
 * each with an Idempotency-Key derived from what it sends: the album, the part's place
 * ({@code 2of3}) and the SHA-256 of its request body. Running the same command on the
 * same file again therefore sends the same keys, and the API answers each part with the
 * job the first run made (for {@code sluice.api.jobs.idempotency-key-ttl}, 24 hours by
 * default) rather than making a duplicate. Another file, album or {@code --max-photos}
 * makes other keys.
 */
final class JobParts {

	/** The prefix of every key, and the version of the way it is derived. */
	static final String KEY_PREFIX = "sluice-cli-v1";

	private JobParts() {
	}

	/**
	 * One job of a file.
	 *
	 * @param number its place, from 1
	 * @param count how many parts the file makes
	 * @param offset the file index of its first photo
	 * @param request what it submits
	 * @param idempotencyKey its key
	 */
	record Part(int number, int count, int offset, JobRequest request, String idempotencyKey) {

		String label() {
			return (this.count == 1) ? "submit" : "submit part " + this.number + " of " + this.count;
		}

	}

	/**
	 * Cuts the photos into parts.
	 * @param albumId the album
	 * @param photos the photos, in order
	 * @param maxPhotos the most photos in one job
	 * @param mapper the generated client's mapper, which writes the bodies sent
	 * @return the parts, in order
	 */
	static List<Part> of(long albumId, List<PhotoRequest> photos, int maxPhotos, ObjectMapper mapper) {
		int count = (photos.size() + maxPhotos - 1) / maxPhotos;
		List<Part> parts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int offset = i * maxPhotos;
			JobRequest request = new JobRequest().albumId(albumId)
				.photos(new ArrayList<>(photos.subList(offset, Math.min(photos.size(), offset + maxPhotos))));
			String key = KEY_PREFIX + "-" + albumId + "-" + (i + 1) + "of" + count + "-" + sha256(request, mapper);
			parts.add(new Part(i + 1, count, offset, request, key));
		}
		return parts;
	}

	private static String sha256(JobRequest request, ObjectMapper mapper) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(mapper.writeValueAsBytes(request)));
		}
		catch (NoSuchAlgorithmException | JsonProcessingException ex) {
			throw new IllegalStateException("Cannot hash a request body", ex);
		}
	}

}
