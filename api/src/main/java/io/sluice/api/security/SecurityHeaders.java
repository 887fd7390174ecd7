package io.sluice.api.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The response headers on everything the API serves, the page and every problem body
 * included (ADR 0034), on top of Spring Security's defaults ({@code nosniff},
 * {@code X-Frame-Options: DENY}, {@code Cache-Control: no-store}).
 */
final class SecurityHeaders {

	/**
	 * Scripts, styles and requests from the API's own origin only: no inline script,
	 * style or event handler runs, the page cannot be framed, and a form or
	 * {@code <base>} cannot send anything elsewhere. {@code data:} images for the page's
	 * empty icon.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
			+ "base-uri 'none'; form-action 'self'";

	/**
	 * The same for Swagger UI, whose bundle applies inline styles (never scripts):
	 * without them it still works, but the browser logs a violation on every load.
	 */
	static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'unsafe-inline'");

	private static final RequestMatcher SWAGGER_UI = new OrRequestMatcher(pathPattern("/swagger-ui.html"),
			pathPattern("/swagger-ui/**"));

	private SecurityHeaders() {
	}

	static void apply(HeadersConfigurer<HttpSecurity> headers) {
		headers
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
					new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
					new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CONTENT_SECURITY_POLICY)))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.contentTypeOptions(Customizer.withDefaults())
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny);
	}

}
