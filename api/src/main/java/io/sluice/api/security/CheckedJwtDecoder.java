package io.sluice.api.security;

import java.io.IOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClientException;

/**
 * The API's one {@link JwtDecoder}, in both modes: refuses a token that is not a JWS
 * signed with one of the mode's algorithms before any key is looked at (so {@code none}
 * and HS256/RS256 confusion never reach a verifier), then lets Nimbus verify the
 * signature and {@link TokenClaimsValidator} check the claims. Every refusal is a
 * {@link RefusedTokenException} whose message says which check failed; a token that
 * cannot be checked because the identity provider's keys cannot be fetched is a
 * {@link KeysUnavailableException}.
 */
final class CheckedJwtDecoder implements JwtDecoder {

	private static final MappedJwtClaimSetConverter CLAIM_SET_CONVERTER = MappedJwtClaimSetConverter
		.withDefaults(Map.of());

	private final NimbusJwtDecoder verifier;

	private final Set<JWSAlgorithm> algorithms;

	private final String keys;

	/**
	 * @param verifier checks the signature; its validator is replaced by {@code claims}
	 * @param claims the checks of the claims
	 * @param algorithms the only algorithms this mode accepts
	 * @param keys what signs the tokens, for the bad-signature message ("this API's
	 * secret")
	 */
	CheckedJwtDecoder(NimbusJwtDecoder verifier, TokenClaimsValidator claims, Set<JWSAlgorithm> algorithms,
			String keys) {
		this.verifier = verifier;
		this.verifier.setJwtValidator(claims);
		this.verifier.setClaimSetConverter(CheckedJwtDecoder::convertClaims);
		this.algorithms = Set.copyOf(algorithms);
		this.keys = keys;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		checkAlgorithm(token);
		try {
			return this.verifier.decode(token);
		}
		catch (JwtValidationException ex) {
			// the descriptions are TokenClaimsValidator's own; the message adds a prefix
			throw new RefusedTokenException(ex.getErrors().iterator().next().getDescription());
		}
		catch (BadJwtException ex) {
			if (ex.getCause() instanceof BadJOSEException) {
				throw new RefusedTokenException("The bearer token's signature does not verify with " + this.keys + ".");
			}
			throw new RefusedTokenException("The bearer token's claims are malformed.");
		}
		catch (JwtException | IllegalArgumentException | IllegalStateException ex) {
			if (keysUnreachable(ex)) {
				throw new KeysUnavailableException(ex);
			}
			throw new RefusedTokenException("The bearer token cannot be verified.");
		}
	}

	/**
	 * Whether a failure to verify is the identity provider's: its JWK set could not be
	 * fetched (Nimbus's {@link RemoteKeySourceException}), or its discovery document
	 * could not be read (a {@link RestClientException} under Spring's
	 * {@code IllegalArgumentException}).
	 */
	private static boolean keysUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof RemoteKeySourceException || cause instanceof RestClientException
					|| cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spring's claim conversion, except that a token without {@code iat} keeps none:
	 * Spring would make one up a second before {@code exp}, which would hide the missing
	 * claim from the lifetime check.
	 */
	private static Map<String, Object> convertClaims(Map<String, Object> claims) {
		Map<String, Object> converted = new HashMap<>(CLAIM_SET_CONVERTER.convert(claims));
		if (!claims.containsKey(JwtClaimNames.IAT)) {
			converted.remove(JwtClaimNames.IAT);
		}
		return converted;
	}

	private void checkAlgorithm(String token) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw new RefusedTokenException("The bearer token is not a well-formed JWT.");
		}
		if (jwt instanceof PlainJWT) {
			throw new RefusedTokenException("The bearer token is not signed (alg none); " + accepted());
		}
		if (!(jwt instanceof SignedJWT signed)) {
			throw new RefusedTokenException("The bearer token is encrypted (JWE); " + accepted());
		}
		JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
		if (!this.algorithms.contains(algorithm)) {
			// a standard name is safe to repeat; anything else came from the caller
			String name = (JWSAlgorithm.Family.SIGNATURE.contains(algorithm)
					|| JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) ? algorithm.getName() : "an unknown algorithm";
			throw new RefusedTokenException("The bearer token is signed with " + name + "; " + accepted());
		}
	}

	private String accepted() {
		return "this API accepts only tokens signed with "
				+ String.join(", ", this.algorithms.stream().map(JWSAlgorithm::getName).sorted().toList()) + ".";
	}

}
