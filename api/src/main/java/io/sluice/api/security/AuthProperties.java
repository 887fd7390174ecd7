package io.sluice.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API checks bearer tokens, in both modes: HS256 with a shared secret, or an
 * identity provider's keys (ADR 0033).
 *
 * @param jwtSecret Shared HS256 secret for bearer tokens (environment variable
 * SLUICE_AUTH_JWT_SECRET), at least 32 bytes. Not used when
 * spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or
 * public-key-location is set.
 * @param issuer Issuer (iss) every token must name; unset: any issuer, or the issuer-uri
 * when one is configured.
 * @param audience Audience (aud) every token must include; unset: any audience.
 * @param maxTokenLifetime Longest lifetime accepted, from the token's iat to its exp
 * (from now when it has no iat); every token must have an exp.
 * @param clockSkew Leeway for the exp, nbf and iat checks against this server's clock; at
 * most 60s.
 * @param requireScopes Whether reading needs the scope sluice:read and submitting or
 * cancelling sluice:write (from the token's scope or scp claim).
 */
@ConfigurationProperties("sluice.auth")
record AuthProperties(String jwtSecret, String issuer, String audience, @DefaultValue("24h") Duration maxTokenLifetime,
		@DefaultValue("60s") Duration clockSkew, @DefaultValue("false") boolean requireScopes) {

	/** Shortest secret accepted: HS256 needs a key of at least 256 bits. */
	static final int MIN_SECRET_BYTES = 32;

	/** Largest clock skew the API allows itself. */
	static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	AuthProperties {
		if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException(
					"sluice.auth.clock-skew is " + clockSkew.toSeconds() + "s; it must be between 0s and 60s");
		}
		if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
			throw new IllegalArgumentException("sluice.auth.max-token-lifetime must be positive");
		}
	}

	@Override
	public String toString() {
		return "AuthProperties[jwtSecret=" + ((this.jwtSecret != null) ? "<hidden>" : null) + ", issuer=" + this.issuer
				+ ", audience=" + this.audience + ", maxTokenLifetime=" + this.maxTokenLifetime + ", clockSkew="
				+ this.clockSkew + ", requireScopes=" + this.requireScopes + "]";
	}

}
