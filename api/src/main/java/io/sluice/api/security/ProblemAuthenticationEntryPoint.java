package io.sluice.api.security;

import java.io.IOException;

import io.sluice.api.web.ProblemResponses;
import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request with 401 and a problem body. The standard bearer
 * entry point sets the status and the RFC 6750 {@code WWW-Authenticate} header first.
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
		String detail = (failure instanceof OAuth2AuthenticationException)
				? "The bearer token is invalid, expired or malformed."
				: "A bearer token is required (Authorization: Bearer <JWT>).";
		this.problems.write(response, Problems.of(status, detail, request.getRequestURI()));
	}

}
