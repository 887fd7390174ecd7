package io.sluice.common.db;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoCopyTextTests {

	@Test
	void escapesWhatCopyTextFormatWouldReadAsStructure() {
		StringBuilder out = new StringBuilder();
		PhotoCopyText.appendText(out, "a\\b\tc\nd\re \\N");
		assertThat(out).hasToString("a\\\\b\\tc\\nd\\re \\\\N");
	}

	@Test
	void writesNullAsCopysNullMarker() {
		StringBuilder out = new StringBuilder();
		PhotoCopyText.appendText(out, null);
		assertThat(out).hasToString("\\N");
	}

	@Test
	void writesOneTabSeparatedLineInTheStatementsColumnOrder() {
		UUID hash = UrlHash.of("https://example.com/ü.jpg");
		StringBuilder out = new StringBuilder();
		PhotoCopyText.appendRow(out, "42", hash, "https://example.com/ü.jpg", "Zürich 🌄", "job-1");
		assertThat(out).hasToString("42\t" + hash + "\thttps://example.com/ü.jpg\tZürich 🌄\tjob-1\n");
		assertThat(PhotoCopyText.COPY).contains("(album_id, url_hash, url, caption, job_id)");
	}

}
