package io.sluice.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.sluice.embedded.DevTokens;

/**
 * Builds bearer tokens of any shape, good or broken, for the authentication tests:
 * {@code aToken().expiringIn(Duration.ofDays(2)).signedWith(SECRET)}. By default a token
 * is what {@link DevTokens} mints: subject {@code alice}, issuer and audience the API's,
 * scopes {@code sluice:read sluice:write}, issued now, expiring in ten minutes.
 */
public final class Tokens {

	private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("alice")
		.issuer(DevTokens.ISSUER)
		.audience(DevTokens.AUDIENCE)
		.claim("scope", DevTokens.SCOPES);

	private final Instant now = Instant.now();

	private Tokens() {
		issuedIn(Duration.ZERO);
		expiringIn(Duration.ofMinutes(10));
	}

	public static Tokens aToken() {
		return new Tokens();
	}

	public Tokens forSubject(String subject) {
		this.claims.subject(subject);
		return this;
	}

	public Tokens withoutSubject() {
		this.claims.subject(null);
		return this;
	}

	public Tokens issuedBy(String issuer) {
		this.claims.issuer(issuer);
		return this;
	}

	public Tokens withoutIssuer() {
		this.claims.issuer(null);
		return this;
	}

	public Tokens forAudience(String audience) {
		this.claims.audience(audience);
		return this;
	}

	public Tokens withoutAudience() {
		this.claims.audience((String) null);
		return this;
	}

	/**
	 * The {@code scope} claim.
	 * @param scopes space-separated, or {@code null} for no claim
	 * @return this builder
	 */
	public Tokens withScope(String scopes) {
		this.claims.claim("scope", scopes);
		return this;
	}

	/**
	 * The {@code scp} claim, as a list (some identity providers use it instead of
	 * {@code scope}); drops the {@code scope} claim.
	 * @param scopes the scopes
	 * @return this builder
	 */
	public Tokens withScpClaim(String... scopes) {
		this.claims.claim("scope", null).claim("scp", List.of(scopes));
		return this;
	}

	/**
	 * {@code iat} relative to now.
	 * @param offset negative for the past
	 * @return this builder
	 */
	public Tokens issuedIn(Duration offset) {
		this.claims.issueTime(Date.from(this.now.plus(offset)));
		return this;
	}

	public Tokens withoutIssuedAt() {
		this.claims.issueTime(null);
		return this;
	}

	/**
	 * {@code exp} relative to now.
	 * @param offset negative for a token that has expired
	 * @return this builder
	 */
	public Tokens expiringIn(Duration offset) {
		this.claims.expirationTime(Date.from(this.now.plus(offset)));
		return this;
	}

	public Tokens withoutExpiry() {
		this.claims.expirationTime(null);
		return this;
	}

	/**
	 * {@code nbf} relative to now.
	 * @param offset positive for a token that is not valid yet
	 * @return this builder
	 */
	public Tokens notBeforeIn(Duration offset) {
		this.claims.notBeforeTime(Date.from(this.now.plus(offset)));
		return this;
	}

	/** Signed HS256 with a shared secret. */
	public String signedWith(String secret) {
		return sign(JWSAlgorithm.HS256, null, macSigner(secret.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Signed HS256 with these bytes as the key (an RSA public key's, for the confusion
	 * attack).
	 */
	public String signedWithHmacKey(byte[] key) {
		return sign(JWSAlgorithm.HS256, null, macSigner(key));
	}

	/** Signed RS256 with the key's private half, its key id in the header. */
	public String signedWith(RSAKey key) {
		try {
			return sign(JWSAlgorithm.RS256, key.getKeyID(), new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signed ES256 with the key's private half, its key id in the header. */
	public String signedWith(ECKey key) {
		try {
			return sign(JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Not signed at all: {@code "alg":"none"} and an empty signature. */
	public String unsigned() {
		return new PlainJWT(this.claims.build()).serialize();
	}

	private String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), this.claims.build());
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static JWSSigner macSigner(byte[] key) {
		try {
			return new MACSigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
