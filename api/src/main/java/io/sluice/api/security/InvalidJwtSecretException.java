package io.sluice.api.security;

/**
 * {@code sluice.auth.jwt-secret} is missing or too short for HS256 and no external issuer
 * is configured: the API refuses to start. The message names the setting and the length,
 * never the secret.
 */
class InvalidJwtSecretException extends RuntimeException {

	InvalidJwtSecretException(int lengthBytes) {
		super(((lengthBytes == 0) ? SecretKeyJwtDecoders.SECRET_PROPERTY + " is not set"
				: SecretKeyJwtDecoders.SECRET_PROPERTY + " is " + lengthBytes + " bytes long")
				+ "; HS256 needs at least " + AuthProperties.MIN_SECRET_BYTES + " bytes");
	}

}
