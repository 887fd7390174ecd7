package io.sluice.api.security;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A bearer token could not be checked because the identity provider's keys cannot be
 * fetched now (its JWK set or discovery document does not answer, or answers with an
 * error): not the client's fault, so not a {@link RefusedTokenException}. Spring Security
 * turns it into an {@code AuthenticationServiceException}, which the API answers with
 * 503.
 */
class KeysUnavailableException extends JwtException {

	KeysUnavailableException(Throwable cause) {
		super("The identity provider's keys cannot be fetched now", cause);
	}

}
