package io.sluice.api.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The public-key-location mode, which the integration tests (a JWK set over HTTP) do not
 * reach: RS256 with the configured key, nothing else.
 */
class IdentityProviderJwtDecodersTests {

	@TempDir
	Path directory;

	@Test
	void acceptsOnlyRs256TokensSignedWithTheConfiguredPublicKey() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		JwtDecoder decoder = decoderFor(key);

		assertThat(decoder.decode(sign(JWSAlgorithm.RS256, new RSASSASigner(key))).getSubject()).isEqualTo("alice");
		assertThatExceptionOfType(RefusedTokenException.class).isThrownBy(
				() -> decoder.decode(sign(JWSAlgorithm.RS256, new RSASSASigner(new RSAKeyGenerator(2048).generate()))))
			.withMessage("The bearer token's signature does not verify with the configured public key.");
		assertThatExceptionOfType(RefusedTokenException.class)
			.isThrownBy(() -> decoder
				.decode(sign(JWSAlgorithm.ES256, new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()))))
			.withMessage("The bearer token is signed with ES256; this API accepts only tokens signed with RS256.");
		assertThatExceptionOfType(RefusedTokenException.class)
			.isThrownBy(
					() -> decoder.decode(sign(JWSAlgorithm.HS256, new MACSigner(key.toRSAPublicKey().getEncoded()))))
			.withMessageContaining("is signed with HS256");
	}

	private JwtDecoder decoderFor(RSAKey key) throws Exception {
		Path pem = this.directory.resolve("key.pem");
		Files.writeString(pem,
				"-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties.Jwt();
		jwt.setPublicKeyLocation(new FileSystemResource(pem));
		AuthProperties properties = new AuthProperties(null, "https://idp.example", "sluice-api", Duration.ofHours(24),
				Duration.ofSeconds(60), false);
		return IdentityProviderJwtDecoders.forIdentityProvider(jwt, properties, Clock.systemUTC());
	}

	private static String sign(JWSAlgorithm algorithm, JWSSigner signer) throws JOSEException {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm),
				new JWTClaimsSet.Builder().subject("alice")
					.issuer("https://idp.example")
					.audience("sluice-api")
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(600)))
					.build());
		jwt.sign(signer);
		return jwt.serialize();
	}

}
