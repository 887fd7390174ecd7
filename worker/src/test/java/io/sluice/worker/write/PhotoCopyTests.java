package io.sluice.worker.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
	void writesOneTabSeparatedLinePerPhotoSortedByUrlHashAsPostgresqlSortsUuids() {
		List<ChunkPhoto> photos = List.of(new ChunkPhoto("https://example.com/1.jpg", "one"),
				new ChunkPhoto("https://example.com/2.jpg", "two"),
				new ChunkPhoto("https://example.com/3.jpg", "three"));
		String[] lines = text(chunk(photos)).split("\n");

		assertThat(lines).hasSize(3);
		// PostgreSQL orders uuids by unsigned bytes: the order of their hex text
		assertThat(lines).extracting((line) -> line.split("\t")[1]).isSorted();
		for (String line : lines) {
			String[] fields = line.split("\t");
			assertThat(fields).hasSize(5);
			assertThat(fields[0]).isEqualTo("42");
			assertThat(fields[1]).isEqualTo(UrlHash.of(fields[2]).toString());
			assertThat(fields[4]).isEqualTo(JOB.toString());
		}
	}

	@Test
	void writesTheRowsOfSeveralChunksEachWithItsOwnAlbumAndJobSortedByAlbumThenHash() {
		UUID otherJob = UUID.fromString("00000000-0000-0000-0000-00000000000b");
		List<ChunkPhoto> photos = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			photos.add(new ChunkPhoto("https://example.com/" + i + ".jpg", null));
		}
		PhotoChunk later = new PhotoChunk(PhotoChunk.SCHEMA_VERSION, otherJob, "bob", 7, 0, 1, 0,
				photos.subList(0, 25));
		PhotoChunk first = chunk(photos.subList(25, 50));

		String[] lines = text(List.of(first, later)).split("\n");

		assertThat(lines).hasSize(50);
		List<String[]> album7 = Arrays.stream(lines, 0, 25).map((line) -> line.split("\t")).toList();
		List<String[]> album42 = Arrays.stream(lines, 25, 50).map((line) -> line.split("\t")).toList();
		assertThat(album7).allSatisfy((fields) -> assertThat(fields[0] + " " + fields[4]).isEqualTo("7 " + otherJob));
		assertThat(album42).allSatisfy((fields) -> assertThat(fields[0] + " " + fields[4]).isEqualTo("42 " + JOB));
		assertThat(album7).extracting((fields) -> fields[1]).isSorted();
		assertThat(album42).extracting((fields) -> fields[1]).isSorted();
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
		return text(List.of(chunk));
	}

	private static String text(List<PhotoChunk> chunks) {
		return new String(PhotoCopy.rows(chunks).toByteArray(), StandardCharsets.UTF_8);
	}

}
