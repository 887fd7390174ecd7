package io.sluice.client.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.sluice.client.model.PhotoRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoFileTests {

	@Test
	void readsCsvAsRfc4180HasIt() {
		PhotoFile file = read(PhotoFormat.CSV, "\uFEFFurl,caption\r\n" + "https://h/1.jpg,Plain\r\n"
				+ "https://h/2.jpg,\"With, a comma and \"\"quotes\"\"\"\r\n" + "https://h/3.jpg,\"Two\r\nlines\"\r\n"
				+ "\r\n" + "https://h/4.jpg,\n" + "https://h/5.jpg,Last without a line break");

		assertThat(file.photos()).containsExactly(photo("https://h/1.jpg", "Plain"),
				photo("https://h/2.jpg", "With, a comma and \"quotes\""), photo("https://h/3.jpg", "Two\r\nlines"),
				photo("https://h/4.jpg", null), photo("https://h/5.jpg", "Last without a line break"));
		assertThat(file.lines()).containsExactly(2, 3, 4, 7, 8);
		assertThat(file.where(3)).isEqualTo("photos line 7 (photo 3)");
	}

	@Test
	void readsCsvColumnsInAnyOrderAndWithoutCaptions() {
		assertThat(read(PhotoFormat.CSV, "Caption,URL\nA,https://h/a.jpg\n").photos())
			.containsExactly(photo("https://h/a.jpg", "A"));
		assertThat(read(PhotoFormat.CSV, "url\nhttps://h/a.jpg\n").photos())
			.containsExactly(photo("https://h/a.jpg", null));
	}

	@Test
	void refusesMalformedCsvNamingTheLine() {
		assertThatThrownBy(() -> read(PhotoFormat.CSV, "url,capton\nhttps://h/a.jpg,A\n"))
			.hasMessage("photos line 1: unknown column 'capton': the header names url and caption");
		assertThatThrownBy(() -> read(PhotoFormat.CSV, "url,caption\nhttps://h/a.jpg,A\nhttps://h/b.jpg\n"))
			.hasMessage("photos line 3: 1 fields where the header has 2");
		assertThatThrownBy(() -> read(PhotoFormat.CSV, "url,caption\nhttps://h/a.jpg,\"never closed\n"))
			.hasMessage("photos line 2: a quoted field is never closed");
		assertThatThrownBy(() -> read(PhotoFormat.CSV, "url,caption\nhttps://h/a.jpg,say \"hi\"\n"))
			.hasMessageContaining("photos line 2: a double quote inside an unquoted field");
		assertThatThrownBy(() -> read(PhotoFormat.CSV, "url,caption\n")).hasMessage("photos holds no photos");
	}

	@Test
	void readsNdjsonSkippingBlankLines() {
		PhotoFile file = read(PhotoFormat.NDJSON, "{\"url\":\"https://h/a.jpg\",\"caption\":\"A\"}\n\n"
				+ "{\"url\":\"https://h/b.jpg\"}\n{\"url\":\"https://h/c.jpg\",\"caption\":null}\n");

		assertThat(file.photos()).containsExactly(photo("https://h/a.jpg", "A"), photo("https://h/b.jpg", null),
				photo("https://h/c.jpg", null));
		assertThat(file.lines()).containsExactly(1, 3, 4);
	}

	@Test
	void refusesUnknownFieldsAndMissingUrlsInJson() {
		assertThatThrownBy(() -> read(PhotoFormat.NDJSON, "{\"url\":\"https://h/a.jpg\"}\n{\"uri\":\"x\"}\n"))
			.hasMessage("photos line 2: unknown field 'uri': a photo has url and caption");
		assertThatThrownBy(() -> read(PhotoFormat.NDJSON, "{\"caption\":\"x\"}\n"))
			.hasMessage("photos line 1: a photo needs a url, as a string");
		assertThatThrownBy(() -> read(PhotoFormat.NDJSON, "{\"url\":"))
			.hasMessageStartingWith("photos line 1: not a JSON object");
		assertThatThrownBy(() -> read(PhotoFormat.JSON, "[{\"url\":\"https://h/a.jpg\",\n\"caption\": 5}]"))
			.hasMessage("photos line 1: a caption is a string");
	}

	@Test
	void readsAJsonArrayOrAnObjectOfPhotos() {
		String photos = "[\n  {\"url\": \"https://h/a.jpg\", \"caption\": \"A\"},\n  {\"url\": \"https://h/b.jpg\"}\n]";

		PhotoFile array = read(PhotoFormat.JSON, photos);
		PhotoFile object = read(PhotoFormat.JSON, "{\"albumId\": 42, \"photos\": " + photos + "}");

		assertThat(array.photos()).containsExactly(photo("https://h/a.jpg", "A"), photo("https://h/b.jpg", null));
		assertThat(array.lines()).containsExactly(2, 3);
		assertThat(object.photos()).isEqualTo(array.photos());
		assertThatThrownBy(() -> read(PhotoFormat.JSON, "{\"pictures\": []}"))
			.hasMessage("photos line 1: unknown field 'pictures': the object holds photos (and albumId)");
	}

	@Test
	void refusesBytesThatAreNotUtf8() {
		assertThatThrownBy(() -> PhotoFile.read("photos", null,
				new ByteArrayInputStream(new byte[] { 'u', 'r', 'l', '\n', (byte) 0xC3, 0x28 }), PhotoFormat.CSV))
			.hasMessage("photos is not UTF-8 text");
	}

	private static PhotoFile read(PhotoFormat format, String content) {
		return PhotoFile.read("photos", null, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
				format);
	}

	private static PhotoRequest photo(String url, String caption) {
		return new PhotoRequest().url(url).caption(caption);
	}

}
