package io.sluice.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 tokens with a {@code scope} claim, as an identity provider issues them to an
 * operator: {@code ScopedTokens.mint("ops", "sluice:admin")} for the API under test.
 */
public final class ScopedTokens {

	/** The scope of the operators' endpoints under {@code /admin}. */
	public static final String ADMIN = "sluice:admin";

	private ScopedTokens() {
	}

	/**
	 * A token for the API under test ({@link ApiIntegrationTest#SECRET}), valid for an
	 * hour.
	 * @param subject the {@code sub} claim
	 * @param scope the {@code scope} claim: scopes separated by spaces
	 * @return the compact serialised JWT
	 */
	public static String mint(String subject, String scope) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("sluice-dev")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.claim("scope", scope)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			jwt.sign(new MACSigner(ApiIntegrationTest.SECRET.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
