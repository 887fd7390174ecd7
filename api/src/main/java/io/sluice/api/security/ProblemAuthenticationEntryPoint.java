package io.sluice.api.security;

import java.io.IOException;

import io.sluice.api.web.ProblemResponses;
import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request with 401 and a problem body. The standard bearer
 * entry point sets the status and the RFC 6750 {@code WWW-Authenticate} header first.
 * Without a token the type is {@code token-required}; a refused token is
 * {@code invalid-token}, and the detail says which check failed (a
 * {@link RefusedTokenException}'s message), never the token or its claims.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ProblemResponses problems;

	ProblemAuthenticationEntryPoint(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		this.bearer.commence(request, response, failure);
		HttpStatus status = HttpStatus.resolve(response.getStatus());
		if (status == null || !status.isError()) {
			status = HttpStatus.UNAUTHORIZED;
		}
		this.problems.write(response, problem(failure, status, request.getRequestURI()));
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
