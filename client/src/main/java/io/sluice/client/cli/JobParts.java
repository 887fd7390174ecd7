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
 * A file's photos cut into jobs of at most {@code maxPhotos} each, and with request
 * bodies of at most {@code maxBodyBytes} each (the API's {@code sluice.api.jobs.
 * max-body-size}: long captions reach it before 100,000 photos do), in the file's order,
 * each with an Idempotency-Key derived from what it sends: the album, the part's place
 * ({@code 2of3}) and the SHA-256 of its request body. Running the same command on the
 * same file again therefore sends the same keys, and the API answers each part with the
 * job the first run made (for {@code sluice.api.jobs.idempotency-key-ttl}, 24 hours by
 * default) rather than making a duplicate. Another file, album, {@code --max-photos} or
 * {@code --max-body-size} that cuts differently makes other keys.
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
	 * Cuts the photos into parts: each part takes photos in order until the next would
	 * make it hold more than {@code maxPhotos} photos or a body of more than
	 * {@code maxBodyBytes} bytes, as {@code mapper} writes it. A photo too large for a
	 * body of its own still makes a part of its own, for the API to refuse.
	 * @param albumId the album
	 * @param photos the photos, in order
	 * @param maxPhotos the most photos in one job
	 * @param maxBodyBytes the largest request body of one job
	 * @param mapper the generated client's mapper, which writes the bodies sent
	 * @return the parts, in order
	 */
	static List<Part> of(long albumId, List<PhotoRequest> photos, int maxPhotos, long maxBodyBytes,
			ObjectMapper mapper) {
		List<int[]> ranges = new ArrayList<>();
		long envelope = bytes(new JobRequest().albumId(albumId).photos(new ArrayList<>()), mapper);
		int start = 0;
		long size = envelope;
		for (int i = 0; i < photos.size(); i++) {
			long photo = bytes(photos.get(i), mapper) + ((i > start) ? 1 : 0);
			if (i > start && (i - start == maxPhotos || size + photo > maxBodyBytes)) {
				ranges.add(new int[] { start, i });
				start = i;
				size = envelope;
				photo -= 1;
			}
			size += photo;
		}
		if (start < photos.size()) {
			ranges.add(new int[] { start, photos.size() });
		}
		List<Part> parts = new ArrayList<>(ranges.size());
		for (int[] range : ranges) {
			JobRequest request = new JobRequest().albumId(albumId)
				.photos(new ArrayList<>(photos.subList(range[0], range[1])));
			int number = parts.size() + 1;
			String key = KEY_PREFIX + "-" + albumId + "-" + number + "of" + ranges.size() + "-"
					+ sha256(request, mapper);
			parts.add(new Part(number, ranges.size(), range[0], request, key));
		}
		return parts;
	}

	private static long bytes(Object value, ObjectMapper mapper) {
		try {
			return mapper.writeValueAsBytes(value).length;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write a request body", ex);
		}
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
