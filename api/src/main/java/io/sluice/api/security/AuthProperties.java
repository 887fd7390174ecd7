package io.sluice.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API checks bearer tokens when no external issuer is configured.
 *
 * @param jwtSecret Shared HS256 secret for bearer tokens (environment variable
 * SLUICE_AUTH_JWT_SECRET), at least 32 bytes. Not used when
 * spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or
 * public-key-location is set.
 */
@ConfigurationProperties("sluice.auth")
record AuthProperties(String jwtSecret) {

	/** Shortest secret accepted: HS256 needs a key of at least 256 bits. */
	static final int MIN_SECRET_BYTES = 32;

	@Override
	public String toString() {
		return "AuthProperties[jwtSecret=" + ((this.jwtSecret != null) ? "<hidden>" : null) + "]";
	}

}
