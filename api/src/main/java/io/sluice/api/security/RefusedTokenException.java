package io.sluice.api.security;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A bearer token failed one of the API's checks. The message says which, in words safe to
 * show the client: it never holds the token or a claim's value.
 */
class RefusedTokenException extends BadJwtException {

	RefusedTokenException(String reason) {
		super(reason);
	}

}
