package io.sluice.api.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Condition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the HS256 decoder for tokens signed with {@code sluice.auth.jwt-secret}, and
 * says when to use it: only when no external issuer (issuer URI, JWK set URI or public
 * key) is configured, so that Spring Boot's own decoder takes over in production.
 */
final class SecretKeyJwtDecoders {

	static final String SECRET_PROPERTY = "sluice.auth.jwt-secret";

	private SecretKeyJwtDecoders() {
	}

	/**
	 * The decoder for HS256 tokens signed with the given secret.
	 * @param secret the shared secret
	 * @return the decoder
	 * @throws InvalidJwtSecretException if the secret is missing or shorter than
	 * {@link AuthProperties#MIN_SECRET_BYTES} bytes
	 */
	static JwtDecoder forSecret(String secret) {
		int length = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8).length : 0;
		if (length < AuthProperties.MIN_SECRET_BYTES) {
			throw new InvalidJwtSecretException(length);
		}
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
	}

	/**
	 * Matches when none of Spring Boot's resource-server key settings is configured.
	 */
	static final class NoExternalIssuerCondition implements Condition {

		private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			return !StringUtils.hasText(environment.getProperty(PREFIX + "issuer-uri"))
					&& !StringUtils.hasText(environment.getProperty(PREFIX + "jwk-set-uri"))
					&& !StringUtils.hasText(environment.getProperty(PREFIX + "public-key-location"));
		}

	}

}
