package io.sluice.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder for tokens from an identity provider, from Spring Boot's own
 * settings ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, else
 * {@code jwk-set-uri}, else {@code public-key-location}), checked in full like the HS256
 * ones (ADR 0033). Only asymmetric algorithms are accepted: RS256, RS384, RS512, ES256,
 * ES384 and ES512 from a JWK set; RS256 with a public key. The issuer required is
 * {@code sluice.auth.issuer}, or else the issuer URI.
 */
final class IdentityProviderJwtDecoders {

	private static final Set<SignatureAlgorithm> JWK_SET_ALGORITHMS = Set.of(SignatureAlgorithm.RS256,
			SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
			SignatureAlgorithm.ES512);

	private IdentityProviderJwtDecoders() {
	}

	/**
	 * The decoder for the configured identity provider.
	 * @param jwt Spring Boot's resource-server JWT settings (one of the key settings is
	 * set)
	 * @param properties the checks
	 * @param clock the server's clock
	 * @return the decoder
	 */
	static JwtDecoder forIdentityProvider(OAuth2ResourceServerProperties.Jwt jwt, AuthProperties properties,
			Clock clock) {
		String issuer = StringUtils.hasText(properties.issuer()) ? properties.issuer()
				: (StringUtils.hasText(jwt.getIssuerUri()) ? jwt.getIssuerUri() : null);
		TokenClaimsValidator claims = new TokenClaimsValidator(properties, issuer, clock);
		if (StringUtils.hasText(jwt.getIssuerUri()) || StringUtils.hasText(jwt.getJwkSetUri())) {
			NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = StringUtils.hasText(jwt.getJwkSetUri())
					? NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
					: NimbusJwtDecoder.withIssuerLocation(jwt.getIssuerUri());
			NimbusJwtDecoder verifier = builder.jwsAlgorithms((algorithms) -> {
				algorithms.clear();
				algorithms.addAll(JWK_SET_ALGORITHMS);
			}).build();
			return new CheckedJwtDecoder(verifier, claims, names(JWK_SET_ALGORITHMS),
					"any of the identity provider's keys");
		}
		NimbusJwtDecoder verifier = NimbusJwtDecoder.withPublicKey(publicKey(jwt))
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
		return new CheckedJwtDecoder(verifier, claims, Set.of(JWSAlgorithm.RS256), "the configured public key");
	}

	private static Set<JWSAlgorithm> names(Set<SignatureAlgorithm> algorithms) {
		return Set.copyOf(algorithms.stream().map((algorithm) -> JWSAlgorithm.parse(algorithm.getName())).toList());
	}

	private static RSAPublicKey publicKey(OAuth2ResourceServerProperties.Jwt jwt) {
		try {
			String pem = jwt.readPublicKey().replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read spring.security.oauth2.resourceserver.jwt.public-key-location",
					ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"spring.security.oauth2.resourceserver.jwt.public-key-location holds no RSA public key (PEM)", ex);
		}
	}

}
