package io.sluice.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;

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
 * key) is configured; otherwise {@link IdentityProviderJwtDecoders} builds the decoder.
 */
final class SecretKeyJwtDecoders {

	static final String SECRET_PROPERTY = "sluice.auth.jwt-secret";

	private SecretKeyJwtDecoders() {
	}

	/**
	 * The decoder for HS256 tokens signed with {@code sluice.auth.jwt-secret}, checked in
	 * full (ADR 0033); no other algorithm is accepted.
	 * @param properties the secret and the checks
	 * @param clock the server's clock
	 * @return the decoder
	 * @throws InvalidJwtSecretException if the secret is missing or shorter than
	 * {@link AuthProperties#MIN_SECRET_BYTES} bytes
	 */
	static JwtDecoder forSecret(AuthProperties properties, Clock clock) {
		String secret = properties.jwtSecret();
		int length = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8).length : 0;
		if (length < AuthProperties.MIN_SECRET_BYTES) {
			throw new InvalidJwtSecretException(length);
		}
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		NimbusJwtDecoder verifier = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		String issuer = StringUtils.hasText(properties.issuer()) ? properties.issuer() : null;
		return new CheckedJwtDecoder(verifier, new TokenClaimsValidator(properties, issuer, clock),
				Set.of(JWSAlgorithm.HS256), "this API's secret");
	}

	/**
	 * Matches when none of Spring Boot's resource-server key settings is configured.
	 */
	static final class NoExternalIssuerCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !hasExternalIssuer(context.getEnvironment());
		}

	}

	/**
	 * Matches when one of Spring Boot's resource-server key settings is configured.
	 */
	static final class ExternalIssuerCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return hasExternalIssuer(context.getEnvironment());
		}

	}

	private static boolean hasExternalIssuer(Environment environment) {
		String prefix = "spring.security.oauth2.resourceserver.jwt.";
		return StringUtils.hasText(environment.getProperty(prefix + "issuer-uri"))
				|| StringUtils.hasText(environment.getProperty(prefix + "jwk-set-uri"))
				|| StringUtils.hasText(environment.getProperty(prefix + "public-key-location"));
	}

}
