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
 * with the same {@code SLUICE_AUTH_JWT_SECRET},
 * {@code SLUICE_AUTH_ISSUER=}{@value #ISSUER} and
 * {@code SLUICE_AUTH_AUDIENCE=}{@value #AUDIENCE}. Each carries {@code iat}, {@code exp}
 * and the scopes {@value #SCOPES}. Not for production: there, tokens come from your
 * identity provider.
 */
public final class DevTokens {

	/** The issuer ({@code iss}) of every token minted here. */
	public static final String ISSUER = "sluice-dev";

	/** The audience ({@code aud}) of every token minted here. */
	public static final String AUDIENCE = "sluice-api";

	/**
	 * The scopes of a token minted here unless others are asked for: reading and writing
	 * jobs.
	 */
	public static final String SCOPES = "sluice:read sluice:write";

	/** The scope of the operators' endpoints under {@code /admin}. */
	public static final String ADMIN_SCOPE = "sluice:admin";

	/**
	 * The longest lifetime the API accepts by default
	 * ({@code sluice.auth.max-token-lifetime}).
	 */
	public static final Duration MAX_TTL = Duration.ofHours(24);

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

	/**
	 * A token for {@code subject}, valid for {@code ttl} from now.
	 * @param secret the shared HS256 secret, at least 32 bytes of UTF-8
	 * @param subject the {@code sub} claim
	 * @param ttl from {@code iat} to {@code exp}; negative for a token that has expired
	 * @return the compact serialised JWT
	 * @throws IllegalArgumentException if {@code ttl} is longer than {@link #MAX_TTL}
	 */
	public static String mint(String secret, String subject, Duration ttl) {
		return mint(secret, subject, ttl, SCOPES);
	}

	/**
	 * A token for {@code subject} with these scopes, valid for {@code ttl} from now.
	 * @param secret the shared HS256 secret, at least 32 bytes of UTF-8
	 * @param subject the {@code sub} claim
	 * @param ttl from {@code iat} to {@code exp}; negative for a token that has expired
	 * @param scopes the {@code scope} claim, space-separated: {@link #ADMIN_SCOPE} for an
	 * operator
	 * @return the compact serialised JWT
	 * @throws IllegalArgumentException if {@code ttl} is longer than {@link #MAX_TTL}
	 */
	public static String mint(String secret, String subject, Duration ttl, String scopes) {
		if (ttl.compareTo(MAX_TTL) > 0) {
			throw new IllegalArgumentException("A token may live at most " + MAX_TTL.toHours() + " hours");
		}
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.claim("scope", scopes)
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
