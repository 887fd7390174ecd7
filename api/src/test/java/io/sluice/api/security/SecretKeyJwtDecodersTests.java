package io.sluice.api.security;

import io.sluice.embedded.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretKeyJwtDecodersTests {

	private static final String SECRET = "a-secret-of-exactly-thirty-two-b";

	@Test
	void decodesTokensSignedWithTheSecret() {
		JwtDecoder decoder = SecretKeyJwtDecoders.forSecret(SECRET);

		Jwt jwt = decoder.decode(DevTokens.mint(SECRET, "alice"));

		assertThat(jwt.getSubject()).isEqualTo("alice");
	}

	@Test
	void rejectsTokensSignedWithAnotherSecret() {
		JwtDecoder decoder = SecretKeyJwtDecoders.forSecret(SECRET);
		String forged = DevTokens.mint("another-secret-of-thirty-two-byt", "alice");

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged));
	}

	@Test
	void refusesASecretShorterThan32BytesNamingTheSetting() {
		InvalidJwtSecretException failure = catchThrowableOfType(InvalidJwtSecretException.class,
				() -> SecretKeyJwtDecoders.forSecret("too-short"));

		assertThat(failure.getMessage()).contains("sluice.auth.jwt-secret")
			.contains("9 bytes")
			.doesNotContain("too-short");
		FailureAnalysis analysis = new InvalidJwtSecretFailureAnalyzer().analyze(failure);
		assertThat(analysis.getAction()).contains("SLUICE_AUTH_JWT_SECRET").contains("32 bytes");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("too-short");
	}

	@Test
	void refusesAMissingSecretNamingTheSetting() {
		assertThatExceptionOfType(InvalidJwtSecretException.class)
			.isThrownBy(() -> SecretKeyJwtDecoders.forSecret(null))
			.withMessageContaining("sluice.auth.jwt-secret is not set");
	}

	@Test
	void refusesTokensWithoutASubject() {
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> new OwnerAuthenticationConverter()
			.convert(Jwt.withTokenValue("t").header("alg", "HS256").claim("scope", "x").build()));
	}

}
