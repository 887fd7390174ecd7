package io.sluice.common.db;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlHashTests {

	@Test
	void equalsPostgresMd5AsUuid() {
		// SELECT md5('https://example.com/a.jpg')::uuid
		assertThat(UrlHash.of("")).isEqualTo(UUID.fromString("d41d8cd9-8f00-b204-e980-0998ecf8427e"));
		assertThat(UrlHash.of("abc")).isEqualTo(UUID.fromString("90015098-3cd2-4fb0-d696-3f7d28e17f72"));
	}

	@Test
	void hashesUtf8Bytes() {
		assertThat(UrlHash.of("https://example.com/é.jpg")).isNotEqualTo(UrlHash.of("https://example.com/e.jpg"));
		assertThat(UrlHash.of("https://example.com/é.jpg")).isEqualTo(UrlHash.of("https://example.com/é.jpg"))
			.isEqualTo(UrlHash.ofUtf8("https://example.com/é.jpg".getBytes(StandardCharsets.UTF_8)));
	}

}
