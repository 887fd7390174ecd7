package io.sluice.embedded;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signed HS256 bearer tokens for development and tests, accepted by an API configured
 * with the same {@code SLUICE_AUTH_JWT_SECRET}. Not for production: there, tokens come
 * from your identity provider.
 */
public final class DevTokens {

	private static final Duration DEFAULT_TTL = Duration.ofHours(1);

	private DevTokens() {
	}

	/**
	 * A token for {@code subject}, valid for one hour.
	 * @param secret the shared HS256 secret, at least 32 bytes of UTF-8
	 * @param subject the {@code sub} claim: the owner of the jobs the token submits
	 * @return the compact serialised JWT
	 */
	public static String mint(String secret, String subject) {
		return mint(secret, subject, DEFAULT_TTL);
	}

	public static String mint(String secret, String subject, Duration ttl) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("sluice-dev")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("Cannot sign with this secret (it needs at least 32 bytes)", ex);
		}
		return jwt.serialize();
	}

	/**
	 * A random secret good for HS256 (48 random bytes, URL-safe Base64).
	 * @return a new secret
	 */
	public static String randomSecret() {
		byte[] bytes = new byte[48];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
