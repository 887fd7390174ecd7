package io.sluice.client.cli;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An HS256 JWT as the API checks a development token: {@code sub}, {@code iss},
 * {@code aud}, {@code scope}, {@code iat} and {@code exp}, signed with the shared secret
 * ({@code SLUICE_AUTH_JWT_SECRET}) by the JDK's HMAC, so that the command line needs no
 * JOSE library. The same claims as {@code io.sluice.embedded.DevTokens}, which the tests
 * and the local launcher use. Not for production, where tokens come from the identity
 * provider.
 *
 * @param subject the owner ({@code sub})
 * @param scope the scopes, space-separated
 * @param ttl from {@code iat} to {@code exp}
 * @param issuer {@code iss}
 * @param audience {@code aud}
 */
record DevToken(String subject, String scope, Duration ttl, String issuer, String audience) {

	static final String ISSUER = "sluice-dev";

	static final String AUDIENCE = "sluice-api";

	static final String SCOPES = "sluice:read sluice:write";

	/** The longest lifetime the API accepts by default. */
	static final Duration MAX_TTL = Duration.ofHours(24);

	/** HS256 needs a key of at least 256 bits. */
	static final int MIN_SECRET_BYTES = 32;

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/**
	 * Signs the token.
	 * @param secret the shared secret
	 * @param now the {@code iat}
	 * @return the compact serialised JWT
	 * @throws UsageException if the secret is shorter than 32 bytes
	 */
	String sign(String secret, Instant now) {
		byte[] key = secret.getBytes(StandardCharsets.UTF_8);
		if (key.length < MIN_SECRET_BYTES) {
			throw new UsageException(
					"The secret is " + key.length + " bytes; HS256 needs at least " + MIN_SECRET_BYTES);
		}
		ObjectNode header = MAPPER.createObjectNode().put("alg", "HS256").put("typ", "JWT");
		ObjectNode claims = MAPPER.createObjectNode()
			.put("sub", this.subject)
			.put("iss", this.issuer)
			.put("aud", this.audience)
			.put("scope", this.scope)
			.put("iat", now.getEpochSecond())
			.put("exp", now.plus(this.ttl).getEpochSecond());
		String signingInput = encode(header) + "." + encode(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return signingInput + "."
					+ BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static String encode(ObjectNode json) {
		try {
			return BASE64URL.encodeToString(MAPPER.writeValueAsBytes(json));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
