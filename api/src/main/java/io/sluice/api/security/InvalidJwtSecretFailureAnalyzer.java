package io.sluice.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing or short JWT secret at start-up in two lines, without a stack trace
 * and without printing the secret.
 */
class InvalidJwtSecretFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJwtSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidJwtSecretException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Set " + SecretKeyJwtDecoders.SECRET_PROPERTY + " (environment variable SLUICE_AUTH_JWT_SECRET) to a "
						+ "random value of at least " + AuthProperties.MIN_SECRET_BYTES
						+ " bytes, or configure spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri "
						+ "to verify tokens from an external issuer instead.",
				cause);
	}

}
