package io.sluice.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TokenClaimsValidatorTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private final TokenClaimsValidator validator = new TokenClaimsValidator(
			new AuthProperties("unused", null, "sluice-api", Duration.ofHours(24), Duration.ofSeconds(60), false),
			"https://idp.example", Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void acceptsATokenThatPassesEveryCheck() {
		assertThat(this.validator.validate(aToken().build()).hasErrors()).isFalse();
	}

	@Test
	void allowsSixtySecondsOfSkewAndNotOneMore() {
		assertThat(failure(aToken().issuedAt(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(59)))).isNull();
		assertThat(failure(aToken().issuedAt(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(60))))
			.isEqualTo("The bearer token has expired (exp).");
		assertThat(failure(aToken().notBefore(NOW.plusSeconds(60)))).isNull();
		assertThat(failure(aToken().notBefore(NOW.plusSeconds(61))))
			.isEqualTo("The bearer token is not valid yet (nbf is in the future).");
		assertThat(failure(aToken().issuedAt(NOW.plusSeconds(61))))
			.isEqualTo("The bearer token is not valid yet (iat is in the future).");
	}

	@Test
	void acceptsALifetimeOfExactlyTheMaximumFromIssueTime() {
		assertThat(failure(aToken().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(24))))).isNull();
		assertThat(failure(aToken().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(24)).plusSeconds(1))))
			.isEqualTo("The bearer token lives too long: from iat to exp is more than 24h.");
	}

	@Test
	void measuresALifetimeWithoutIssueTimeFromNowPlusSkew() {
		assertThat(failure(aToken().claims((claims) -> claims.remove("iat"))
			.expiresAt(NOW.plus(Duration.ofHours(24)).plusSeconds(60)))).isNull();
		assertThat(failure(aToken().claims((claims) -> claims.remove("iat"))
			.expiresAt(NOW.plus(Duration.ofHours(24)).plusSeconds(61))))
			.isEqualTo("The bearer token lives too long: it has no iat and expires more than 24h from now.");
	}

	@Test
	void reportsTheFirstFailureInOrderWithoutRepeatingClaimValues() {
		Jwt everythingWrong = aToken().claims((claims) -> claims.remove("exp"))
			.subject(null)
			.issuer("https://mallory.example")
			.audience(List.of("mallory-api"))
			.build();
		assertThat(failure(everythingWrong)).isEqualTo("The bearer token has no subject (sub).");
		String wrongIssuer = failure(aToken().issuer("https://mallory.example").audience(List.of("mallory-api")));
		assertThat(wrongIssuer).contains("wrong issuer").doesNotContain("mallory");
		assertThat(failure(aToken().audience(List.of("mallory-api")))).contains("wrong audience")
			.doesNotContain("mallory");
		assertThat(failure(aToken().claims((claims) -> claims.remove("exp"))))
			.isEqualTo("The bearer token has no expiry (exp); every token must expire.");
	}

	private String failure(Jwt.Builder token) {
		return failure(token.build());
	}

	private String failure(Jwt token) {
		OAuth2TokenValidatorResult result = this.validator.validate(token);
		return result.hasErrors() ? result.getErrors().stream().map(OAuth2Error::getDescription).findFirst().get()
				: null;
	}

	private static Jwt.Builder aToken() {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("alice")
			.issuer("https://idp.example")
			.audience(List.of("sluice-api", "other-api"))
			.issuedAt(NOW.minusSeconds(10))
			.expiresAt(NOW.plusSeconds(600));
	}

}
