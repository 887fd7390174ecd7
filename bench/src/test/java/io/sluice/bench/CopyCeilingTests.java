package io.sluice.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyCeilingTests {

	@Test
	void escapesCopyTextFormat() {
		StringBuilder out = new StringBuilder();
		CopyCeiling.appendText(out, "a\\b\tc\nd\re");
		assertThat(out).hasToString("a\\\\b\\tc\\nd\\re");
	}

	@Test
	void writesNullAsCopysNullMarker() {
		StringBuilder out = new StringBuilder();
		CopyCeiling.appendText(out, null);
		assertThat(out).hasToString("\\N");
	}

}
