package io.sluice.api.limit;

import java.io.IOException;

import io.sluice.api.web.ProblemResponses;
import io.sluice.api.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each owner's requests to {@code /api/v1/**}, every method, through an
 * {@link OwnerRateLimiter}: over the limit the answer is 429
 * {@code urn:sluice:problem:too-many-requests} with {@code Retry-After}, and nothing else
 * runs. Sits after authentication, so the owner is the token's subject and anonymous
 * requests have already been refused; health, the API documents and everything outside
 * {@code /api/v1/} are not counted.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	static final String LIMITED_PATHS = "/api/v1/";

	private final OwnerRateLimiter limiter;

	private final ProblemResponses problems;

	RateLimitFilter(OwnerRateLimiter limiter, ProblemResponses problems) {
		this.limiter = limiter;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(LIMITED_PATHS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || !caller.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		long retryAfterSeconds = this.limiter.acquire(caller.getName());
		if (retryAfterSeconds == 0) {
			chain.doFilter(request, response);
			return;
		}
		log.debug("Owner {} over the request rate limit; {} {} refused for {} s", caller.getName(), request.getMethod(),
				request.getRequestURI(), retryAfterSeconds);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
		this.problems.write(response, tooManyRequests(retryAfterSeconds, request.getRequestURI()));
	}

	static ProblemDetail tooManyRequests(long retryAfterSeconds, String instance) {
		return Problems.of(Problems.TOO_MANY_REQUESTS, "Too many requests", HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this caller; retry after " + retryAfterSeconds + " s.", instance);
	}

}
