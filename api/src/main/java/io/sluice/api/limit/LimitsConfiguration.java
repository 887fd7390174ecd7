package io.sluice.api.limit;

import io.sluice.api.web.ProblemResponses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the per-owner limits: the request rate limit's filter, and Tomcat's answer to
 * {@code Expect: 100-continue}. The backlog cap is part of job submission
 * ({@code io.sluice.api.job.submit.BacklogCap}); so is the registration of the
 * {@link BodyAdmissionFilter}, which needs the largest body size.
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

	/**
	 * Answers {@code Expect: 100-continue} only when the application starts reading the
	 * body, not as soon as the headers are in (Tomcat's default): a body refused before
	 * it is read ({@link BodyAdmissionFilter}, the body size cap) then never crosses the
	 * network, and the client reads the refusal instead of a reset connection.
	 */
	@Bean
	TomcatConnectorCustomizer continueOnRead() {
		return (connector) -> connector.setProperty("continueResponseTiming", "onRead");
	}

}
