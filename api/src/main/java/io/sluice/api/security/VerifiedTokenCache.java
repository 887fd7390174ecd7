package io.sluice.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed every check of the decoder it wraps, by their exact text,
 * so that a client polling once a second is not verified once a second (ADR 0039). A
 * remembered token is accepted again until the earlier of its expiry (with the same clock
 * skew the claim check allows) and {@value #MAX_REMEMBER_MINUTES} minutes after it was
 * verified, after which it is verified in full again; so a key that an identity provider
 * withdraws stops being honoured within that time. Only accepted tokens are remembered: a
 * refused one (not valid yet, say) is checked in full every time. At most
 * {@value #MAX_TOKENS} tokens are remembered; beyond that, tokens are verified every time
 * until the expired ones are dropped.
 * <p>
 * The same text is the same signature over the same claims, so a remembered token can
 * only be the token that was verified. Not for decoders whose verdict depends on anything
 * but the token and the time.
 */
final class VerifiedTokenCache implements JwtDecoder {

	/** The most tokens remembered at once. */
	static final int MAX_TOKENS = 10_000;

	/** The longest a token is remembered before it is verified again. */
	static final long MAX_REMEMBER_MINUTES = 5;

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	private final JwtDecoder decoder;

	private final Duration skew;

	private final Clock clock;

	VerifiedTokenCache(JwtDecoder decoder, Duration skew, Clock clock) {
		this.decoder = decoder;
		this.skew = skew;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Verified known = this.verified.get(token);
		if (known != null) {
			if (now.isBefore(known.until())) {
				return known.jwt();
			}
			this.verified.remove(token, known);
		}
		Jwt jwt = this.decoder.decode(token);
		remember(token, jwt, now);
		return jwt;
	}

	/**
	 * How many tokens are remembered.
	 * @return the count
	 */
	int size() {
		return this.verified.size();
	}

	private void remember(String token, Jwt jwt, Instant now) {
		if (jwt.getExpiresAt() == null) {
			return;
		}
		if (this.verified.size() >= MAX_TOKENS) {
			this.verified.values().removeIf((entry) -> !now.isBefore(entry.until()));
			if (this.verified.size() >= MAX_TOKENS) {
				return;
			}
		}
		Instant expiry = jwt.getExpiresAt().plus(this.skew);
		Instant rememberedUntil = now.plus(Duration.ofMinutes(MAX_REMEMBER_MINUTES));
		this.verified.put(token, new Verified(jwt, expiry.isBefore(rememberedUntil) ? expiry : rememberedUntil));
	}

	private record Verified(Jwt jwt, Instant until) {

	}

}
