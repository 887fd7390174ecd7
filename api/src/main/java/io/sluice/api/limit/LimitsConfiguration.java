package io.sluice.api.limit;

import io.sluice.api.web.ProblemResponses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the per-owner limits: the request rate limit's filter. The backlog cap is
 * part of job submission ({@code io.sluice.api.job.submit.BacklogCap}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	/**
	 * Owners held before idle ones are forgotten: a few hundred kilobytes of buckets.
	 */
	static final int TRACKED_OWNERS = 10_000;

	/**
	 * Limits each owner's requests, after authentication (which names the owner) and
	 * before the body size cap.
	 */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LimitsProperties limits, ProblemResponses problems) {
		OwnerRateLimiter limiter = new OwnerRateLimiter(limits.requestsPerSecond(), limits.burst(), TRACKED_OWNERS,
				System::nanoTime);
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limiter, problems));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

}
