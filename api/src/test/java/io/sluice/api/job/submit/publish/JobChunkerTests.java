package io.sluice.api.job.submit.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobChunkerTests {

	private static final UUID JOB = UUID.fromString("0b5c2f4e-5a7d-4c51-9d0f-7c8a1e2b3c4d");

	/**
	 * The longest url a job may hold (the submit's {@code PhotoUrlRule.MAX_LENGTH}), as
	 * the 2,000 characters of the captions below are its longest caption.
	 */
	private static final int LONGEST_URL = 2_048;

	private final ChunkCodec codec = new ChunkCodec();

	private final JobChunker chunker = new JobChunker(500, ChunkTopics.MAX_CHUNK_BYTES);

	@Test
	void putsASmallJobInOneChunk() {
		List<PhotoChunk> chunks = this.chunker.split(JOB, "alice", 42, photos(3));

		assertThat(chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.schemaVersion()).isEqualTo(PhotoChunk.SCHEMA_VERSION);
			assertThat(chunk.jobId()).isEqualTo(JOB);
			assertThat(chunk.owner()).isEqualTo("alice");
			assertThat(chunk.albumId()).isEqualTo(42);
			assertThat(chunk.chunkIndex()).isZero();
			assertThat(chunk.chunkCount()).isOne();
			assertThat(chunk.firstPhotoIndex()).isZero();
			assertThat(chunk.photos()).hasSize(3);
			assertThat(chunk.key()).isEqualTo(JOB + ":0");
		});
	}

	@Test
	void cutsChunksOfAtMostChunkSizePhotosInOrder() {
		List<ChunkPhoto> photos = photos(1_201);

		List<PhotoChunk> chunks = this.chunker.split(JOB, "alice", 42, photos);

		assertThat(chunks).extracting(PhotoChunk::chunkIndex).containsExactly(0, 1, 2);
		assertThat(chunks).extracting(PhotoChunk::chunkCount).containsOnly(3);
		assertThat(chunks).extracting(PhotoChunk::firstPhotoIndex).containsExactly(0, 500, 1_000);
		assertThat(chunks).extracting((chunk) -> chunk.photos().size()).containsExactly(500, 500, 201);
		assertThat(chunks.stream().flatMap((chunk) -> chunk.photos().stream())).containsExactlyElementsOf(photos);
	}

	@Test
	void cutsExactMultiplesWithoutAnEmptyChunk() {
		List<PhotoChunk> chunks = this.chunker.split(JOB, "alice", 42, photos(1_000));

		assertThat(chunks).extracting((chunk) -> chunk.photos().size()).containsExactly(500, 500);
	}

	@Test
	void cutsEarlierWhenLargePhotosWouldOverflowOneMebibyte() {
		// 2,048-character URLs and 2,000 four-byte characters of caption: ~10 KB a photo,
		// so 500 photos are ~5 MB, far over the 1 MiB a chunk may hold.
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			photos.add(new ChunkPhoto(longUrl(i), "😀".repeat(2_000)));
		}

		List<PhotoChunk> chunks = this.chunker.split(JOB, "alice", 42, photos);

		assertThat(chunks).hasSizeGreaterThanOrEqualTo(5);
		assertEveryChunkFits(chunks, ChunkTopics.MAX_CHUNK_BYTES);
		assertThat(chunks.stream().flatMap((chunk) -> chunk.photos().stream())).containsExactlyElementsOf(photos);
		// and the estimate is not wasteful: chunks are more than 90% full
		for (PhotoChunk chunk : chunks.subList(0, chunks.size() - 1)) {
			assertThat(this.codec.encode(chunk).length).isGreaterThan(ChunkTopics.MAX_CHUNK_BYTES * 9 / 10);
		}
	}

	@Test
	void fitsTheWorstCaseOfEscapedCharacters() {
		// Control characters are escaped as six bytes each.
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			photos.add(new ChunkPhoto(longUrl(i).replace('a', '"'), "\u0001".repeat(2_000)));
		}

		List<PhotoChunk> chunks = this.chunker.split(JOB, "alice", 42, photos);

		assertEveryChunkFits(chunks, ChunkTopics.MAX_CHUNK_BYTES);
		assertThat(chunks.stream().mapToInt((chunk) -> chunk.photos().size()).sum()).isEqualTo(500);
	}

	@Test
	void leavesRoomForALongOwnerAndLargeNumbers() {
		String owner = "ü".repeat(5_000);
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			photos.add(new ChunkPhoto(longUrl(i), "ç".repeat(2_000)));
		}

		List<PhotoChunk> chunks = new JobChunker(100_000, ChunkTopics.MAX_CHUNK_BYTES).split(JOB, owner, Long.MAX_VALUE,
				photos);

		assertEveryChunkFits(chunks, ChunkTopics.MAX_CHUNK_BYTES);
	}

	@Test
	void refusesAPhotoThatCannotFitInAnyChunk() {
		JobChunker tiny = new JobChunker(500, 1_000);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> tiny.split(JOB, "alice", 42, List.of(new ChunkPhoto(longUrl(0), null))))
			.withMessageContaining("Photo 0");
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 7, 42 })
	void estimatesTheEncodedSizeOfRandomTextExactlyOrAbove(long seed) {
		Random random = new Random(seed);
		JsonMapper mapper = JsonMapper.builder().build();
		for (int i = 0; i < 2_000; i++) {
			String text = randomText(random, random.nextInt(64));
			int actual = mapper.writeValueAsBytes(text).length;
			long estimate = JobChunker.encodedLength(text);
			if (text.indexOf('/') < 0) {
				assertThat(estimate).as("estimate for %s", text).isEqualTo(actual);
			}
			else {
				assertThat(estimate).as("estimate for %s", text).isGreaterThanOrEqualTo(actual);
			}
		}
	}

	@Test
	void estimatesAPhotoAtOrAboveItsEncodedShare() {
		ChunkPhoto withCaption = new ChunkPhoto("https://h/a.jpg", "caption \"quoted\" ✓");
		ChunkPhoto withoutCaption = new ChunkPhoto("https://h/b.jpg", null);
		PhotoChunk one = new JobChunker(500, ChunkTopics.MAX_CHUNK_BYTES).split(JOB, "o", 1, List.of(withCaption))
			.get(0);
		PhotoChunk two = new JobChunker(500, ChunkTopics.MAX_CHUNK_BYTES)
			.split(JOB, "o", 1, List.of(withCaption, withoutCaption))
			.get(0);

		int shareOfSecond = this.codec.encode(two).length - this.codec.encode(one).length;

		assertThat(JobChunker.encodedLength(withoutCaption)).isGreaterThanOrEqualTo(shareOfSecond);
		assertThat(JobChunker.ENVELOPE_BYTES + JobChunker.encodedLength("o") + JobChunker.encodedLength(withCaption))
			.isGreaterThanOrEqualTo(this.codec.encode(one).length);
	}

	private void assertEveryChunkFits(List<PhotoChunk> chunks, int maxBytes) {
		int expectedFirst = 0;
		for (PhotoChunk chunk : chunks) {
			assertThat(this.codec.encode(chunk).length).isLessThanOrEqualTo(maxBytes);
			assertThat(chunk.firstPhotoIndex()).isEqualTo(expectedFirst);
			assertThat(chunk.chunkCount()).isEqualTo(chunks.size());
			assertThat(this.codec.decode(this.codec.encode(chunk)).photos()).isEqualTo(chunk.photos());
			expectedFirst += chunk.photos().size();
		}
	}

	private static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(8)) {
				case 0 -> text.append((char) random.nextInt(0x20));
				case 1 -> text.append("\"\\/".charAt(random.nextInt(3)));
				case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
				case 3 -> text.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
				case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
				case 5 -> text.append((char) (0xD800 + random.nextInt(0x800)));
				default -> text.append((char) (0x20 + random.nextInt(0x60)));
			}
		}
		return text.toString();
	}

	private static String longUrl(int i) {
		String prefix = "https://cdn.example.com/" + i + "/";
		return prefix + "a".repeat(LONGEST_URL - prefix.length());
	}

	private static List<ChunkPhoto> photos(int count) {
		List<ChunkPhoto> photos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			photos.add(
					new ChunkPhoto("https://cdn.example.com/photos/" + i + ".jpg", (i % 2 == 0) ? "Photo " + i : null));
		}
		return photos;
	}

}
