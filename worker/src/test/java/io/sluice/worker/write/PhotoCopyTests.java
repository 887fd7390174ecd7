package io.sluice.worker.write;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.UrlHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoCopyTests {

	private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	@Test
	void writesOneTabSeparatedLinePerPhotoSortedByUrlHash() {
		List<ChunkPhoto> photos = List.of(new ChunkPhoto("https://example.com/1.jpg", "one"),
				new ChunkPhoto("https://example.com/2.jpg", "two"),
				new ChunkPhoto("https://example.com/3.jpg", "three"));
		String[] lines = text(chunk(photos)).split("\n");

		assertThat(lines).hasSize(3);
		assertThat(lines).extracting((line) -> UUID.fromString(line.split("\t")[1])).isSorted();
		for (String line : lines) {
			String[] fields = line.split("\t");
			assertThat(fields).hasSize(5);
			assertThat(fields[0]).isEqualTo("42");
			assertThat(fields[1]).isEqualTo(UrlHash.of(fields[2]).toString());
			assertThat(fields[4]).isEqualTo(JOB.toString());
		}
	}

	@Test
	void keepsNonAsciiTextAsUtf8() {
		String line = text(chunk(List.of(new ChunkPhoto("https://example.com/ü.jpg", "Zürich 🌄"))));

		assertThat(line).contains("https://example.com/ü.jpg\tZürich 🌄\t");
	}

	private static PhotoChunk chunk(List<ChunkPhoto> photos) {
		return new PhotoChunk(PhotoChunk.SCHEMA_VERSION, JOB, "alice", 42, 0, 1, 0, photos);
	}

	private static String text(PhotoChunk chunk) {
		return new String(PhotoCopy.rows(chunk), StandardCharsets.UTF_8);
	}

}
