package io.sluice.api.security;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.api.web.ProblemResponses;
import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers an unauthenticated request with 401 and a problem body. The standard bearer
 * entry point sets the status and the RFC 6750 {@code WWW-Authenticate} header first.
 * Without a token the type is {@code token-required}; a refused token is
 * {@code invalid-token}, and the detail says which check failed (a
 * {@link RefusedTokenException}'s message), never the token or its claims.
 *
 * <p>
 * A token that could not be checked at all, because the identity provider's keys cannot
 * be fetched ({@link KeysUnavailableException}), is not the client's fault: 503
 * {@code unavailable} with {@code Retry-After}, and a WARN line at most every
 * {@link #WARNING_INTERVAL}.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

	/** How long a client is asked to wait while the identity provider is unreachable. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ProblemResponses problems;

	ProblemAuthenticationEntryPoint(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (isKeysUnavailable(failure)) {
			keysUnavailable(request, response, failure.getCause());
			return;
		}
		this.bearer.commence(request, response, failure);
		this.problems.write(response, problem(failure, errorStatus(response), request.getRequestURI()));
	}

	/**
	 * A failure handler for a token sent under the DPoP scheme (RFC 9449), which Spring
	 * Security reads too: Spring's own handler sets the status and the
	 * {@code WWW-Authenticate: DPoP} challenge but writes no body; this one adds the
	 * problem, and answers an unreachable identity provider as {@link #commence} does.
	 * @param challenge Spring's handler
	 * @return the handler
	 */
	AuthenticationFailureHandler forDPoP(AuthenticationFailureHandler challenge) {
		return (request, response, failure) -> {
			if (isKeysUnavailable(failure)) {
				keysUnavailable(request, response, failure.getCause());
				return;
			}
			challenge.onAuthenticationFailure(request, response, failure);
			this.problems.write(response, Problems.of(Problems.INVALID_TOKEN, "Invalid bearer token",
					errorStatus(response),
					"The token was sent under the DPoP scheme, and its DPoP proof is missing, invalid or not bound to "
							+ "it (RFC 9449); send it as Authorization: Bearer <JWT> unless it is bound to a key.",
					request.getRequestURI()));
		};
	}

	private static boolean isKeysUnavailable(AuthenticationException failure) {
		return failure instanceof AuthenticationServiceException
				&& failure.getCause() instanceof KeysUnavailableException;
	}

	private static HttpStatus errorStatus(HttpServletResponse response) {
		HttpStatus status = HttpStatus.resolve(response.getStatus());
		return (status == null || !status.isError()) ? HttpStatus.UNAUTHORIZED : status;
	}

	private void keysUnavailable(HttpServletRequest request, HttpServletResponse response, Throwable failure)
			throws IOException {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARNING_INTERVAL.toNanos() && this.lastWarning.compareAndSet(last, now)) {
			log.warn("Bearer tokens cannot be checked: the identity provider's keys cannot be fetched; answering "
					+ "503 until they can: {}", NestedExceptionUtils.getMostSpecificCause(failure).toString());
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
		this.problems.write(response,
				Problems.of(Problems.UNAVAILABLE, "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE,
						"The bearer token cannot be checked now: the identity provider's keys cannot be fetched. "
								+ "Retry after " + RETRY_AFTER.toSeconds() + " s.",
						request.getRequestURI()));
	}

	private static ProblemDetail problem(AuthenticationException failure, HttpStatus status, String instance) {
		if (!(failure instanceof OAuth2AuthenticationException)) {
			return Problems.of(Problems.TOKEN_REQUIRED, "Bearer token required", status,
					"A bearer token is required (Authorization: Bearer <JWT>).", instance);
		}
		String detail = (failure.getCause() instanceof RefusedTokenException refused) ? refused.getMessage()
				: "The bearer token is malformed or cannot be used.";
		return Problems.of(Problems.INVALID_TOKEN, "Invalid bearer token", status, detail, instance);
	}

}
