package io.sluice.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevTokensTests {

	@Test
	void mintsAnHs256TokenWhoseSubjectIsTheOwner() throws Exception {
		String secret = DevTokens.randomSecret();
		SignedJWT jwt = SignedJWT.parse(DevTokens.mint(secret, "alice"));
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
		assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
		assertThat(jwt.getJWTClaimsSet().getIssueTime()).isBeforeOrEqualTo(new java.util.Date());
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(DevTokens.ISSUER);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(DevTokens.AUDIENCE);
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("sluice:read sluice:write");
	}

	@Test
	void mintsAnOperatorTokenWithTheScopesAskedFor() throws Exception {
		SignedJWT jwt = SignedJWT
			.parse(DevTokens.mint(DevTokens.randomSecret(), "ops", Duration.ofHours(24), DevTokens.ADMIN_SCOPE));
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("sluice:admin");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
			.isEqualTo(Duration.ofHours(24).toMillis());
	}

	@Test
	void refusesALifetimeLongerThanTheApiAccepts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevTokens.mint(DevTokens.randomSecret(), "alice", Duration.ofHours(25)))
			.withMessageContaining("24 hours");
	}

	@Test
	void refusesASecretTooShortForHs256() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevTokens.mint("short", "alice"))
			.withMessageContaining("32 bytes");
	}

	@Test
	void randomSecretsAreLongEnoughAndDiffer() {
		assertThat(DevTokens.randomSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(DevTokens.randomSecret());
	}

}
