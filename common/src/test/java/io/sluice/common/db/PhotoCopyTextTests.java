package io.sluice.common.db;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoCopyTextTests {

	@Test
	void escapesWhatCopyTextFormatWouldReadAsStructure() {
		PhotoCopyText text = new PhotoCopyText(4);
		text.appendText(utf8("a\\b\tc\nd\re \\N"));
		assertThat(string(text)).isEqualTo("a\\\\b\\tc\\nd\\re \\\\N");
	}

	@Test
	void writesOneTabSeparatedLineInTheStatementsColumnOrderWithNullAsCopysNullMarker() {
		UUID hash = UrlHash.of("https://example.com/ü.jpg");
		PhotoCopyText text = new PhotoCopyText(16);
		text.appendRow(PhotoCopyText.ascii("42"), hash, utf8("https://example.com/ü.jpg"), "Zürich 🌄\t",
				PhotoCopyText.ascii("job-1"));
		text.appendRow(PhotoCopyText.ascii("7"), hash, utf8("https://example.com/a.jpg"), null,
				PhotoCopyText.ascii("job-2"));

		assertThat(string(text)).isEqualTo("42\t" + hash + "\thttps://example.com/ü.jpg\tZürich 🌄\\t\tjob-1\n" + "7\t"
				+ hash + "\thttps://example.com/a.jpg\t\\N\tjob-2\n");
		assertThat(PhotoCopyText.COPY).contains("(album_id, url_hash, url, caption, job_id)");
	}

	@Test
	void writesUuidsAsTheirCanonicalText() {
		PhotoCopyText text = new PhotoCopyText(8);
		for (UUID uuid : new UUID[] { new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID(), UUID.randomUUID(),
				UrlHash.of("abc") }) {
			text.clear();
			text.appendRow(PhotoCopyText.ascii("1"), uuid, utf8("u"), null, PhotoCopyText.ascii("j"));
			assertThat(string(text)).isEqualTo("1\t" + uuid + "\tu\t\\N\tj\n");
		}
	}

	@Test
	void growsPastItsInitialCapacityAndStartsOverWhenCleared() {
		PhotoCopyText text = new PhotoCopyText(1);
		String longText = "x".repeat(10_000);
		text.appendText(utf8(longText));
		assertThat(text.length()).isEqualTo(10_000);
		assertThat(new String(text.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(longText);
		text.clear();
		text.appendText(utf8("y"));
		assertThat(string(text)).isEqualTo("y");
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(PhotoCopyText text) {
		return new String(text.buffer(), 0, text.length(), StandardCharsets.UTF_8);
	}

}
