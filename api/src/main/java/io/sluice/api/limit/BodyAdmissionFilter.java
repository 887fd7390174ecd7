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
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits the request bodies sent to {@code /api/v1/**} through a {@link BodyAdmission}
 * before a byte of them is read: a caller over its share of large bodies gets 429
 * {@code urn:sluice:problem:too-many-large-bodies}, and a body that would take this
 * instance past its body bytes in flight 503 {@code urn:sluice:problem:unavailable}, both
 * with {@code Retry-After}. Sits after authentication (which names the owner), the rate
 * limit and the body size cap (so a body over the size limit is a 413, not a refusal
 * here). An admitted body's share is given back when its request ends, however it ends:
 * answered, failed, or abandoned by its client. Requests without a body are not counted.
 */
public class BodyAdmissionFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BodyAdmissionFilter.class);

	/** Seconds a refused client should wait: a large body takes a few seconds to read. */
	static final int RETRY_AFTER_SECONDS = 2;

	private final BodyAdmission admission;

	private final ProblemResponses problems;

	/**
	 * A filter.
	 * @param limits the limits, for the large-body threshold and the caps
	 * @param maxBodySize the largest body accepted: what a body without a declared length
	 * counts as
	 * @param maxHeapBytes the maximum heap, from which the default cap on body bytes is
	 * derived
	 * @param problems writes the refusals
	 */
	public BodyAdmissionFilter(LimitsProperties limits, DataSize maxBodySize, long maxHeapBytes,
			ProblemResponses problems) {
		this(new BodyAdmission(limits.largeBodyThreshold().toBytes(), limits.maxLargeBodiesPerOwner(),
				limits.bodyBytesInFlightCap(maxBodySize.toBytes(), maxHeapBytes), maxBodySize.toBytes()), problems);
	}

	BodyAdmissionFilter(BodyAdmission admission, ProblemResponses problems) {
		this.admission = admission;
		this.problems = problems;
	}

	/**
	 * The cap on body bytes in flight this filter enforces.
	 * @return the bytes
	 */
	public long maxBodyBytesInFlight() {
		return this.admission.maxBytes();
	}

	/**
	 * Body bytes being received now, by their declared length.
	 * @return the bytes
	 */
	public long bodyBytesInFlight() {
		return this.admission.bytesInFlight();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(RateLimitFilter.LIMITED_PATHS) || !hasBody(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || !caller.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		BodyAdmission.Ticket ticket = this.admission.admit(caller.getName(), request.getContentLengthLong());
		if (ticket.refusal() != null) {
			refuse(ticket.refusal(), caller.getName(), request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			ticket.release();
		}
	}

	private void refuse(BodyAdmission.Refusal refusal, String owner, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		long declared = request.getContentLengthLong();
		String size = (declared < 0) ? "a body without Content-Length" : "a body of " + declared + " bytes";
		ProblemDetail problem;
		if (refusal == BodyAdmission.Refusal.OWNER_LARGE_BODIES) {
			log.debug("Owner {} already sends {} large bodies; {} refused", owner, this.admission.maxLargePerOwner(),
					size);
			problem = Problems.of(Problems.TOO_MANY_LARGE_BODIES, "Too many large request bodies",
					HttpStatus.TOO_MANY_REQUESTS,
					"You already have " + this.admission.maxLargePerOwner() + " large request bodies (over "
							+ this.admission.largeThresholdBytes() + " bytes, or without Content-Length) being "
							+ "received by this API instance, the most one caller may have "
							+ "(sluice.api.limits.max-large-bodies-per-owner); " + size + " was refused unread. "
							+ "Retry after " + RETRY_AFTER_SECONDS + " s. Nothing was stored.",
					request.getRequestURI());
			problem.setProperty("maxLargeBodiesPerOwner", this.admission.maxLargePerOwner());
		}
		else {
			log.info("Request bodies in flight at the cap of {} bytes; {} from {} refused", this.admission.maxBytes(),
					size, owner);
			problem = Problems.of(Problems.UNAVAILABLE, "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE,
					"This API instance is already receiving as many request body bytes as it may at once ("
							+ this.admission.maxBytes() + ", sluice.api.limits.max-body-bytes-in-flight); " + size
							+ " was refused unread. Retry after " + RETRY_AFTER_SECONDS + " s. Nothing was stored.",
					request.getRequestURI());
		}
		// the body is not read: close the connection rather than drain it
		response.setHeader(HttpHeaders.CONNECTION, "close");
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		this.problems.write(response, problem);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

}
