package io.sluice.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.sluice.embedded.DevTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretKeyJwtDecodersTests {

	private static final String SECRET = "a-secret-of-exactly-thirty-two-b";

	private static AuthProperties properties(String secret) {
		return new AuthProperties(secret, DevTokens.ISSUER, DevTokens.AUDIENCE, Duration.ofHours(24),
				Duration.ofSeconds(60), false);
	}

	@Test
	void decodesTokensSignedWithTheSecret() {
		JwtDecoder decoder = SecretKeyJwtDecoders.forSecret(properties(SECRET), Clock.systemUTC());

		Jwt jwt = decoder.decode(DevTokens.mint(SECRET, "alice"));

		assertThat(jwt.getSubject()).isEqualTo("alice");
	}

	@Test
	void rejectsTokensSignedWithAnotherSecret() {
		JwtDecoder decoder = SecretKeyJwtDecoders.forSecret(properties(SECRET), Clock.systemUTC());
		String forged = DevTokens.mint("another-secret-of-thirty-two-byt", "alice");

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged));
	}

	@Test
	void refusesASecretShorterThan32BytesNamingTheSetting() {
		InvalidJwtSecretException failure = catchThrowableOfType(InvalidJwtSecretException.class,
				() -> SecretKeyJwtDecoders.forSecret(properties("too-short"), Clock.systemUTC()));

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
			.isThrownBy(() -> SecretKeyJwtDecoders.forSecret(properties(null), Clock.systemUTC()))
			.withMessageContaining("sluice.auth.jwt-secret is not set");
	}

	@Test
	void refusesAClockSkewOverSixtySecondsNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new AuthProperties(SECRET, null, null, Duration.ofHours(24), Duration.ofSeconds(61), false))
			.withMessageContaining("sluice.auth.clock-skew is 61s");
	}

	@Test
	void turnsScopeAndScpClaimsIntoScopeAuthorities() {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.subject("alice")
			.claim("scope", "sluice:read sluice:write")
			.claim("scp", List.of("sluice:admin"))
			.build();

		assertThat(new OwnerAuthenticationConverter().convert(jwt).getAuthorities())
			.extracting(GrantedAuthority::getAuthority)
			.containsExactly("SCOPE_sluice:read", "SCOPE_sluice:write", "SCOPE_sluice:admin");
	}

	@Test
	void refusesTokensWithoutASubject() {
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> new OwnerAuthenticationConverter()
			.convert(Jwt.withTokenValue("t").header("alg", "HS256").claim("scope", "x").build()));
	}

}
