package io.sluice.api.security;

import java.io.IOException;
import java.util.List;

import io.sluice.api.web.ProblemResponses;
import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated request that is not allowed with 403 and a problem body, after
 * the standard bearer handler has set the {@code WWW-Authenticate} header. When a scope
 * was missing, the type is {@code insufficient-scope} and {@code requiredScope} names it.
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private static final String SCOPE_PREFIX = "SCOPE_";

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	private final ProblemResponses problems;

	ProblemAccessDeniedHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.bearer.handle(request, response, denied);
		String scope = requiredScope(denied);
		ProblemDetail problem;
		if (scope != null) {
			problem = Problems.of(Problems.INSUFFICIENT_SCOPE, "Insufficient scope", HttpStatus.FORBIDDEN,
					"This request needs the scope " + scope + ", which the bearer token does not carry.",
					request.getRequestURI());
			problem.setProperty("requiredScope", scope);
		}
		else {
			problem = Problems.of(HttpStatus.FORBIDDEN, "The caller may not do this.", request.getRequestURI());
		}
		this.problems.write(response, problem);
	}

	private static String requiredScope(AccessDeniedException denied) {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			List<String> scopes = decision.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith(SCOPE_PREFIX))
				.map((authority) -> authority.substring(SCOPE_PREFIX.length()))
				.toList();
			return scopes.isEmpty() ? null : String.join(" ", scopes);
		}
		return null;
	}

}
