package io.sluice.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims every token must pass, in both modes, in this order: a subject, an expiry
 * that has not passed, no {@code nbf} or {@code iat} in the future, a lifetime of at most
 * {@code sluice.auth.max-token-lifetime} (from {@code iat}, or from now when the token
 * has none), then the configured issuer and audience. Every clock check allows
 * {@code sluice.auth.clock-skew}. The first failure is the one reported; its description
 * names the check and never repeats a claim's value.
 */
final class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private final AuthProperties properties;

	private final String issuer;

	private final Clock clock;

	/**
	 * @param properties the limits, the audience and the issuer
	 * @param issuer the issuer to require, or {@code null} for any
	 * @param clock the server's clock
	 */
	TokenClaimsValidator(AuthProperties properties, String issuer, Clock clock) {
		this.properties = properties;
		this.issuer = issuer;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String failure = firstFailure(jwt);
		return (failure != null)
				? OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, failure, null))
				: OAuth2TokenValidatorResult.success();
	}

	private String firstFailure(Jwt jwt) {
		Instant now = this.clock.instant();
		Duration skew = this.properties.clockSkew();
		Duration maxLifetime = this.properties.maxTokenLifetime();
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			return "The bearer token has no subject (sub).";
		}
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return "The bearer token has no expiry (exp); every token must expire.";
		}
		if (!now.minus(skew).isBefore(expiresAt)) {
			return "The bearer token has expired (exp).";
		}
		if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(skew))) {
			return "The bearer token is not valid yet (nbf is in the future).";
		}
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null && issuedAt.isAfter(now.plus(skew))) {
			return "The bearer token is not valid yet (iat is in the future).";
		}
		if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
			return "The bearer token lives too long: from iat to exp is more than " + human(maxLifetime) + ".";
		}
		if (issuedAt == null && Duration.between(now, expiresAt).compareTo(maxLifetime.plus(skew)) > 0) {
			return "The bearer token lives too long: it has no iat and expires more than " + human(maxLifetime)
					+ " from now.";
		}
		if (this.issuer != null && !this.issuer.equals(jwt.getClaimAsString("iss"))) {
			return "The bearer token has the wrong issuer (iss): this API accepts tokens from " + this.issuer
					+ " only.";
		}
		String audience = this.properties.audience();
		if (audience != null && !audience.isBlank()) {
			List<String> audiences = jwt.getAudience();
			if (audiences == null || !audiences.contains(audience)) {
				return "The bearer token has the wrong audience (aud): it must include " + audience + ".";
			}
		}
		return null;
	}

	private static String human(Duration duration) {
		if (duration.toSeconds() % 3600 == 0) {
			return duration.toHours() + "h";
		}
		if (duration.toSeconds() % 60 == 0) {
			return duration.toMinutes() + "min";
		}
		return duration.toSeconds() + "s";
	}

}
