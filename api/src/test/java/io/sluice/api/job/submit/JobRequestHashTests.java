package io.sluice.api.job.submit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.sluice.api.job.submit.JobRequest.CallbackRequest;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobRequestHashTests {

	private static final PhotoRequest A = new PhotoRequest("https://cdn.example.com/a.jpg", "Beach");

	private static final PhotoRequest B = new PhotoRequest("https://cdn.example.com/b.jpg", null);

	@Test
	void isTheSameForTheSameContent() {
		assertThat(hash(42L, A, B)).isEqualTo(hash(42L, new PhotoRequest(A.url(), A.caption()), B)).hasSize(32);
	}

	@Test
	void dependsOnTheAlbum() {
		assertThat(hash(42L, A, B)).isNotEqualTo(hash(43L, A, B));
	}

	@Test
	void dependsOnThePhotosOrder() {
		assertThat(hash(42L, A, B)).isNotEqualTo(hash(42L, B, A));
	}

	@Test
	void dependsOnEveryPhoto() {
		assertThat(hash(42L, A, B)).isNotEqualTo(hash(42L, A)).isNotEqualTo(hash(42L, A, B, B));
	}

	@Test
	void tellsAMissingCaptionFromAnEmptyOne() {
		PhotoRequest withoutCaption = new PhotoRequest(A.url(), null);
		PhotoRequest withEmptyCaption = new PhotoRequest(A.url(), "");
		assertThat(hash(42L, withoutCaption)).isNotEqualTo(hash(42L, withEmptyCaption));
	}

	@Test
	void dependsOnUrlAndCaptionText() {
		assertThat(hash(42L, A)).isNotEqualTo(hash(42L, new PhotoRequest(A.url() + "?v=2", A.caption())))
			.isNotEqualTo(hash(42L, new PhotoRequest(A.url(), "beach")));
	}

	@Test
	void keepsFieldBoundaries() {
		// the same characters split differently between url and caption, or between
		// photos
		assertThat(hash(42L, new PhotoRequest("https://x.example/ab", "c")))
			.isNotEqualTo(hash(42L, new PhotoRequest("https://x.example/a", "bc")));
		assertThat(hash(42L, new PhotoRequest("https://x.example/a", ""), new PhotoRequest("https://x.example/b", "")))
			.isNotEqualTo(hash(42L, new PhotoRequest("https://x.example/a", "https://x.example/b")));
	}

	@Test
	void takesTextAsSentWithoutNormalizingIt() {
		assertThat(hash(42L, new PhotoRequest(A.url(), "Caf\u00e9 \uD83C\uDF0A")))
			.isEqualTo(hash(42L, new PhotoRequest(A.url(), "Caf\u00e9 \uD83C\uDF0A")))
			.isNotEqualTo(hash(42L, new PhotoRequest(A.url(), "Cafe\u0301 \uD83C\uDF0A")));
	}

	@Test
	void hashesAFullSizeJob() {
		List<PhotoRequest> photos = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			photos.add(new PhotoRequest("https://cdn.example.com/run/photo-" + i + ".jpg", "Caption " + i));
		}
		assertThat(JobRequestHash.of(new JobRequest(42L, photos))).hasSize(32);
	}

	@Test
	void dependsOnTheCallback() {
		byte[] without = hash(42L, A, B);
		byte[] with = JobRequestHash.of(new JobRequest(42L, List.of(A, B), new CallbackRequest("https://h.example/a")));
		assertThat(with).isNotEqualTo(without)
			.isEqualTo(
					JobRequestHash.of(new JobRequest(42L, List.of(A, B), new CallbackRequest("https://h.example/a"))))
			.isNotEqualTo(
					JobRequestHash.of(new JobRequest(42L, List.of(A, B), new CallbackRequest("https://h.example/b"))));
	}

	@Test
	void hashesARequestWithoutCallbackAsBeforeCallbacksExisted() {
		// SHA-256 of the version-1 encoding, computed before callbacks were added: keys
		// held by jobs submitted then still match their requests
		assertThat(HexFormat.of().formatHex(hash(42L, A, B)))
			.isEqualTo(HexFormat.of().formatHex(legacyHash(42L, A, B)));
		assertThat(JobRequestHash.of(new JobRequest(42L, List.of(A, B), null))).isEqualTo(hash(42L, A, B));
	}

	/** The version-1 encoding, written out. */
	private static byte[] legacyHash(long albumId, PhotoRequest... photos) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			out.write("sluice-job-request-v1".getBytes(StandardCharsets.US_ASCII));
			out.writeLong(albumId);
			out.writeInt(photos.length);
			for (PhotoRequest photo : photos) {
				for (String text : new String[] { photo.url(), photo.caption() }) {
					if (text == null) {
						out.writeInt(-1);
					}
					else {
						byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
						out.writeInt(utf8.length);
						out.write(utf8);
					}
				}
			}
			return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hash(long albumId, PhotoRequest... photos) {
		return JobRequestHash.of(new JobRequest(albumId, List.of(photos)));
	}

}
