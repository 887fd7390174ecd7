package io.sluice.api.job.submit;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoUrlRuleTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/a.jpg", "http://cdn.example.com/a.jpg",
			"HTTPS://CDN.EXAMPLE.COM/A.JPG", "https://cdn.example.com:8443/a.jpg?size=large&v=2#top",
			"https://user:secret@cdn.example.com/a.jpg", "https://[2001:db8::1]/a.jpg",
			"https://[2001:db8::1]:8080/a.jpg", "https://127.0.0.1/a.jpg",
			"https://my_bucket.storage.example.com/a.jpg", "https://cdn.example.com/fotos/ñandú.jpg",
			"https://cdn.example.com/%E2%9C%93.jpg", "https://localhost" })
	void acceptsAbsoluteHttpUrlsWithAHost(String url) {
		assertThat(PhotoUrlRule.problem(url)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''                                  | no scheme
			relative/path.jpg                   | no scheme
			/absolute/path.jpg                  | no scheme
			//cdn.example.com/a.jpg             | no scheme
			ftp://cdn.example.com/a.jpg         | not 'ftp'
			file:///etc/passwd                  | not 'file'
			javascript:alert(1)                 | not 'javascript'
			mailto:someone@example.com          | not 'mailto'
			https:///a.jpg                      | with a host
			https:a.jpg                         | with a host
			https://:8080/a.jpg                 | with a host
			https://cdn.example.com/a b.jpg     | Illegal character
			https://cdn.example.com/<a>.jpg     | Illegal character
			""")
	void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost(String url, String expected) {
		assertThat(PhotoUrlRule.problem(url)).isNotNull().contains(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/a\n.jpg", "https://cdn.example.com/a\t.jpg",
			"https://cdn.example.com/a\r.jpg", "https://cdn.example.com/a\u0001.jpg",
			"https://cdn.example.com/a\u007f.jpg", "https://cdn.example.com/a\u0085.jpg" })
	void refusesControlCharacters(String url) {
		assertThat(PhotoUrlRule.problem(url)).startsWith("must not contain control characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/a\u0000.jpg" })
	void refusesNul(String url) {
		assertThat(PhotoUrlRule.problem(url)).contains("U+0000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/\ud83d.jpg", "https://cdn.example.com/\ude00.jpg" })
	void refusesUnpairedSurrogates(String url) {
		assertThat(PhotoUrlRule.problem(url)).contains("unpaired surrogate");
	}

	@ParameterizedTest
	@ValueSource(ints = { 2_047, 2_048 })
	void acceptsUrlsUpTo2048Characters(int length) {
		assertThat(PhotoUrlRule.problem(urlOfLength(length))).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2_049, 10_000 })
	void refusesUrlsOver2048Characters(int length) {
		assertThat(PhotoUrlRule.problem(urlOfLength(length)))
			.isEqualTo("must be at most 2048 characters long (it has " + length + ")");
	}

	@ParameterizedTest
	@ValueSource(ints = { 2_048 })
	void countsCharactersNotUtf16Units(int length) {
		String prefix = "https://cdn.example.com/";
		String url = prefix + "😀".repeat(length - prefix.length());

		assertThat(url.length()).isGreaterThan(2_048);
		assertThat(PhotoUrlRule.problem(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/a.jpg", "http://cdn.example.com",
			"https://images.example.com/bench/42/99999.jpg", "https://cdn.example.com:8443/a.jpg?size=large&v=2#top",
			"https://127.0.0.1/a.jpg", "https://cdn.example.com?q", "https://cdn.example.com#f",
			"https://cdn.example.com/a;b:c@d&e=f+g$h,i/-_.!~*'()?x=?/#y?" })
	void acceptsPlainUrlsWithoutParsingThem(String url) {
		assertThat(PhotoUrlRule.isPlainHttpUrl(url)).isTrue();
		assertThat(PhotoUrlRule.fullCheck(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTPS://CDN.EXAMPLE.COM/A.JPG", "https://user:secret@cdn.example.com/a.jpg",
			"https://[2001:db8::1]/a.jpg", "https://my_bucket.storage.example.com/a.jpg",
			"https://cdn.example.com/fotos/ñandú.jpg", "https://cdn.example.com/%E2%9C%93.jpg", "https://:8080/a.jpg",
			"https://cdn.example.com:/a.jpg", "https://cdn.example.com:80x/a.jpg", "https://cdn.example.com/a b.jpg",
			"https://cdn.example.com/a#b#c", "https:///a.jpg", "ftp://cdn.example.com/a.jpg" })
	void leavesEveryOtherUrlToTheFullCheck(String url) {
		assertThat(PhotoUrlRule.isPlainHttpUrl(url)).isFalse();
	}

	@Test
	void answersLikeTheFullCheckForAnyUrl() {
		String[] starts = { "http://", "https://", "http://", "https://", "HTTP://", "http:", "https:///", "" };
		Random random = new Random(2048);
		for (int i = 0; i < 50_000; i++) {
			String url = starts[random.nextInt(starts.length)] + randomText(random, "aZ09.-:", 8)
					+ randomText(random, "aZ09.-/?#!~*'();:@&=+$,", 16);
			String expected = PhotoUrlRule.fullCheck(url);
			assertThat(PhotoUrlRule.problem(url)).as(url).isEqualTo(expected);
			if (PhotoUrlRule.isPlainHttpUrl(url)) {
				assertThat(expected).as(url).isNull();
			}
		}
	}

	/**
	 * Up to {@code maxLength} characters, mostly from {@code usual}, sometimes one that
	 * needs care in a URL.
	 */
	private static String randomText(Random random, String usual, int maxLength) {
		String unusual = "_%[] \"<>\\^`{|}é\u0001\u007f";
		StringBuilder text = new StringBuilder();
		for (int length = random.nextInt(maxLength + 1); length > 0; length--) {
			String alphabet = (random.nextInt(10) == 0) ? unusual : usual;
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static String urlOfLength(int length) {
		String prefix = "https://cdn.example.com/";
		return prefix + "a".repeat(length - prefix.length());
	}

}
