package io.sluice.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(60);

	private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

	private final AtomicInteger verifications = new AtomicInteger();

	/** Accepts "good-<seconds to live>" tokens, refuses anything else. */
	private final JwtDecoder decoder = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good-")) {
			throw new RefusedTokenException("The bearer token is not a well-formed JWT.");
		}
		long ttl = Long.parseLong(token.substring(5));
		return Jwt.withTokenValue(token)
			.header("alg", "HS256")
			.subject("alice")
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(ttl))
			.build();
	};

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.decoder, SKEW, new Clock() {

		@Override
		public Instant instant() {
			return VerifiedTokenCacheTests.this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void verifiesAnAcceptedTokenOnceWhileItLives() {
		Jwt first = this.cache.decode("good-3600");
		Jwt again = this.cache.decode("good-3600");

		assertThat(again).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void verifiesAgainOnceTheTokenHasExpiredBeyondTheSkew() {
		this.cache.decode("good-30");
		this.now.set(NOW.plusSeconds(30).plus(SKEW).minusMillis(1));
		this.cache.decode("good-30");
		assertThat(this.verifications).as("within exp and skew").hasValue(1);

		this.now.set(NOW.plusSeconds(30).plus(SKEW));
		this.cache.decode("good-30");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void verifiesAgainAfterFiveMinutesWhateverTheExpiry() {
		this.cache.decode("good-3600");
		this.now.set(NOW.plus(Duration.ofMinutes(VerifiedTokenCache.MAX_REMEMBER_MINUTES)));

		this.cache.decode("good-3600");

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void neverRemembersARefusal() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(RefusedTokenException.class).isThrownBy(() -> this.cache.decode("forged"));
		}
		assertThat(this.verifications).hasValue(2);
		assertThat(this.cache.size()).isZero();
	}

}
