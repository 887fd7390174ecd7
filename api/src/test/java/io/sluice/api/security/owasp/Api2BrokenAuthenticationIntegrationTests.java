package io.sluice.api.security.owasp;

import java.time.Duration;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.IdentityProviderIntegrationTest;
import io.sluice.api.TestIdentityProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import static io.sluice.api.ProblemAssertions.assertProblem;
import static io.sluice.api.Tokens.aToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), API2: Broken Authentication. Every way a bearer token
 * can be wrong is refused with 401 {@code urn:sluice:problem:invalid-token} whose detail
 * names the check that failed, and never repeats the token: no {@code exp}, a lifetime
 * past {@code sluice.auth.max-token-lifetime}, expired, not valid yet ({@code nbf} or
 * {@code iat} in the future beyond the 60-second skew; within it, accepted), wrong or
 * missing issuer and audience, {@code alg: none}, algorithm confusion (RS256 and ES256 in
 * HS256 mode; HS256, even keyed with the provider's public key, in identity-provider
 * mode), a bad signature, no subject, and garbage. The outer class runs the API in HS256
 * mode (the shared context); {@link WithAnIdentityProvider} runs the same checks against
 * a JWK set served over HTTP (the identity-provider context).
 */
class Api2BrokenAuthenticationIntegrationTests extends ApiIntegrationTest {

	private static final String JOBS = "/api/v1/jobs";

	@Test
	void acceptsAWellFormedToken() {
		assertAccepted(aToken().signedWith(SECRET));
	}

	@Test
	void refusesATokenWithoutExpiry() {
		assertRefused(aToken().withoutExpiry().signedWith(SECRET), "has no expiry (exp)");
	}

	@Test
	void refusesATokenThatLivesLongerThanTheMaximumFromItsIssueTime() {
		assertRefused(aToken().issuedIn(Duration.ofMinutes(-1)).expiringIn(Duration.ofHours(24)).signedWith(SECRET),
				"lives too long: from iat to exp is more than 24h");
	}

	@Test
	void measuresTheLifetimeOfATokenWithoutIssueTimeFromNow() {
		assertRefused(aToken().withoutIssuedAt().expiringIn(Duration.ofHours(25)).signedWith(SECRET),
				"it has no iat and expires more than 24h from now");
		assertAccepted(aToken().withoutIssuedAt().expiringIn(Duration.ofHours(23)).signedWith(SECRET));
	}

	@Test
	void refusesAnExpiredToken() {
		assertRefused(aToken().issuedIn(Duration.ofHours(-1)).expiringIn(Duration.ofSeconds(-90)).signedWith(SECRET),
				"has expired (exp)");
	}

	@Test
	void acceptsATokenExpiredWithinTheClockSkew() {
		assertAccepted(aToken().issuedIn(Duration.ofHours(-1)).expiringIn(Duration.ofSeconds(-20)).signedWith(SECRET));
	}

	@Test
	void refusesATokenNotValidYet() {
		assertRefused(aToken().notBeforeIn(Duration.ofSeconds(90)).signedWith(SECRET), "nbf is in the future");
	}

	@Test
	void refusesATokenIssuedInTheFuture() {
		assertRefused(aToken().issuedIn(Duration.ofSeconds(90)).signedWith(SECRET), "iat is in the future");
	}

	@Test
	void acceptsNotBeforeAndIssueTimeWithinTheClockSkew() {
		assertAccepted(
				aToken().notBeforeIn(Duration.ofSeconds(20)).issuedIn(Duration.ofSeconds(20)).signedWith(SECRET));
	}

	@Test
	void refusesATokenFromAnotherIssuer() {
		assertRefused(aToken().issuedBy("https://evil.example").signedWith(SECRET),
				"wrong issuer (iss): this API accepts tokens from sluice-dev only");
		assertRefused(aToken().withoutIssuer().signedWith(SECRET), "wrong issuer (iss)");
	}

	@Test
	void refusesATokenForAnotherAudience() {
		assertRefused(aToken().forAudience("billing-api").signedWith(SECRET),
				"wrong audience (aud): it must include sluice-api");
		assertRefused(aToken().withoutAudience().signedWith(SECRET), "wrong audience (aud)");
	}

	@Test
	void refusesAnUnsignedToken() {
		assertRefused(aToken().unsigned(), "is not signed (alg none)");
	}

	@Test
	void refusesRs256AndEs256TokensInSecretMode() throws JOSEException {
		assertRefused(aToken().signedWith(new RSAKeyGenerator(2048).keyID("mallory").generate()),
				"is signed with RS256; this API accepts only tokens signed with HS256");
		assertRefused(aToken().signedWith(new ECKeyGenerator(Curve.P_256).keyID("mallory").generate()),
				"is signed with ES256; this API accepts only tokens signed with HS256");
	}

	@Test
	void refusesATokenSignedWithAnotherSecret() {
		assertRefused(aToken().signedWith("another-secret-that-is-long-enough-0123456789"),
				"signature does not verify with this API's secret");
	}

	@Test
	void refusesATokenWithoutSubject() {
		assertRefused(aToken().withoutSubject().signedWith(SECRET), "has no subject (sub)");
	}

	@Test
	void refusesGarbage() {
		assertRefused("not.a.jwt", "is not a well-formed JWT");
		assertRefused("eyJhbGciOiJIUzI1NiJ9.e30", "is not a well-formed JWT");
	}

	private void assertAccepted(String token) {
		Response response = api().get(JOBS, token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private void assertRefused(String token, String detail) {
		Response response = api().get(JOBS, token);
		JsonNode problem = assertProblem(response, 401);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-token");
		assertThat(problem.get("detail").asString()).contains(detail);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
		String answer = response.body() + response.header("WWW-Authenticate");
		assertThat(answer).doesNotContain(token);
		for (String part : token.split("\\.")) {
			if (part.length() > 8) {
				assertThat(answer).doesNotContain(part);
			}
		}
	}

	/**
	 * The same checks with an identity provider: RS256 and ES256 from its JWK set,
	 * nothing else.
	 */
	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	class WithAnIdentityProvider extends IdentityProviderIntegrationTest {

		private final TestIdentityProvider idp = identityProvider();

		@Test
		void acceptsRs256AndEs256TokensFromItsKeys() {
			assertAcceptedHere(aToken().issuedBy(this.idp.issuer()).signedWith(this.idp.rsaKey()));
			assertAcceptedHere(aToken().issuedBy(this.idp.issuer()).signedWith(this.idp.ecKey()));
		}

		@Test
		void refusesAnHs256TokenKeyedWithThePublicKey() throws JOSEException {
			byte[] publicKey = this.idp.rsaKey().toRSAPublicKey().getEncoded();

			assertRefusedHere(aToken().issuedBy(this.idp.issuer()).signedWithHmacKey(publicKey),
					"is signed with HS256; this API accepts only tokens signed with ES256, ES384, ES512, RS256, "
							+ "RS384, RS512");
			assertRefusedHere(aToken().issuedBy(this.idp.issuer()).signedWith(SECRET), "is signed with HS256");
		}

		@Test
		void refusesAnUnsignedToken() {
			assertRefusedHere(aToken().issuedBy(this.idp.issuer()).unsigned(), "is not signed (alg none)");
		}

		@Test
		void refusesATokenSignedWithAKeyNotInItsSet() throws JOSEException {
			assertRefusedHere(
					aToken().issuedBy(this.idp.issuer())
						.signedWith(new RSAKeyGenerator(2048).keyID("rsa-1").generate()),
					"signature does not verify with any of the identity provider's keys");
		}

		@Test
		void refusesATokenFromAnotherIssuerOrForAnotherAudience() {
			assertRefusedHere(aToken().signedWith(this.idp.rsaKey()),
					"wrong issuer (iss): this API accepts tokens from " + this.idp.issuer() + " only");
			assertRefusedHere(
					aToken().issuedBy(this.idp.issuer()).forAudience("billing-api").signedWith(this.idp.rsaKey()),
					"wrong audience (aud): it must include sluice-api");
		}

		@Test
		void refusesATokenWithoutExpiryOrPastItsTime() {
			assertRefusedHere(aToken().issuedBy(this.idp.issuer()).withoutExpiry().signedWith(this.idp.rsaKey()),
					"has no expiry (exp)");
			assertRefusedHere(aToken().issuedBy(this.idp.issuer())
				.issuedIn(Duration.ofHours(-2))
				.expiringIn(Duration.ofMinutes(-2))
				.signedWith(this.idp.ecKey()), "has expired (exp)");
			assertRefusedHere(
					aToken().issuedBy(this.idp.issuer()).expiringIn(Duration.ofDays(2)).signedWith(this.idp.rsaKey()),
					"lives too long");
		}

		private void assertAcceptedHere(String token) {
			Response response = api().get(JOBS, token);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
		}

		private void assertRefusedHere(String token, String detail) {
			Response response = api().get(JOBS, token);
			JsonNode problem = assertProblem(response, 401);
			assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:invalid-token");
			assertThat(problem.get("detail").asString()).contains(detail);
			assertThat(response.body()).doesNotContain(token);
		}

	}

}
