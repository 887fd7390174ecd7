package io.sluice.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sluice.embedded.DevTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token minted by the command line verifies with Nimbus, the library the API checks
 * tokens with, and carries the claims of {@link DevTokens}.
 */
class DevTokenTests {

	private static final String SECRET = DevTokens.randomSecret();

	@Test
	void signsHs256WithTheClaimsOfDevTokens() throws Exception {
		Instant now = Instant.parse("2026-12-06T10:00:00Z");

		String token = new DevToken("alice", DevToken.SCOPES, Duration.ofMinutes(90), DevToken.ISSUER,
				DevToken.AUDIENCE)
			.sign(SECRET, now);

		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.getIssuer()).isEqualTo(DevTokens.ISSUER);
		assertThat(claims.getAudience()).isEqualTo(List.of(DevTokens.AUDIENCE));
		assertThat(claims.getStringClaim("scope")).isEqualTo(DevTokens.SCOPES);
		assertThat(claims.getIssueTime()).isEqualTo(Date.from(now));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plus(Duration.ofMinutes(90))));
		assertThat(jwt.verify(new MACVerifier(DevTokens.randomSecret()))).isFalse();
	}

	@Test
	void refusesASecretTooShortForHs256() {
		assertThatThrownBy(
				() -> new DevToken("alice", DevToken.SCOPES, Duration.ofHours(1), DevToken.ISSUER, DevToken.AUDIENCE)
					.sign("short", Instant.now()))
			.hasMessage("The secret is 5 bytes; HS256 needs at least 32");
	}

}
