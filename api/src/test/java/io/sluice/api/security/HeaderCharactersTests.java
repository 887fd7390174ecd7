package io.sluice.api.security;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTests {

	/** {@code StrictHttpFirewall}'s expressions, as Spring Security 7.0 writes them. */
	private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void judgesEveryCodePointAsTheFirewallsExpressionsDo() {
		for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
			String text = "a" + Character.toString(c) + "b";
			assertThat(HeaderCharacters.allowedName(text)).as("U+%04X in a name", c)
				.isEqualTo(NAME.matcher(text).matches());
			assertThat(HeaderCharacters.allowedValue(text)).as("U+%04X in a value", c)
				.isEqualTo(VALUE.matcher(text).matches());
		}
	}

	@Test
	void judgesSurrogatesAsTheFirewallsExpressionsDo() {
		for (String text : new String[] { "\uD83D\uDE00", "\uD83D", "x\uDE00", "\uDE00\uD83D", "" }) {
			assertThat(HeaderCharacters.allowedValue(text)).as(text).isEqualTo(VALUE.matcher(text).matches());
			assertThat(HeaderCharacters.allowedName(text)).as(text).isEqualTo(NAME.matcher(text).matches());
		}
	}

	@Test
	void allowsABearerTokenAndRefusesLineBreaks() {
		assertThat(HeaderCharacters.allowedValue("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")).isTrue();
		assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
		assertThat(HeaderCharacters.allowedValue("a\r\nSet-Cookie: x")).isFalse();
	}

}
