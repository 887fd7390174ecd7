package io.sluice.api.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the size of request bodies. A declared {@code Content-Length} over the limit is
 * refused with 413 before anything is read; a body without one (chunked transfer
 * encoding) is counted as it is read, and reading past the limit throws
 * {@link BodyTooLargeException}, which the error handlers turn into 413.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long limitBytes;

	private final ProblemResponses problems;

	public BodySizeLimitFilter(DataSize limit, ProblemResponses problems) {
		this.limitBytes = limit.toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limitBytes) {
			this.problems.write(response, tooLarge(this.limitBytes, request.getRequestURI()));
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, this.limitBytes), response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			BodyTooLargeException tooLarge = BodyTooLargeException.findIn(ex);
			if (tooLarge == null || response.isCommitted()) {
				throw ex;
			}
			this.problems.write(response, tooLarge(this.limitBytes, request.getRequestURI()));
		}
	}

	/**
	 * The 413 problem for a body over the limit.
	 * @param limitBytes the limit
	 * @param instance the request path
	 * @return the problem
	 */
	public static ProblemDetail tooLarge(long limitBytes, String instance) {
		return Problems.of(Problems.BODY_TOO_LARGE, "Request body too large", HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than the limit of " + limitBytes + " bytes.", instance);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limitBytes;

		private ServletInputStream stream;

		private BufferedReader reader;

		LimitedRequest(HttpServletRequest request, long limitBytes) {
			super(request);
			this.limitBytes = limitBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limitBytes);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limitBytes;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limitBytes) {
			this.delegate = delegate;
			this.limitBytes = limitBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.count += n;
			if (this.count > this.limitBytes) {
				throw new BodyTooLargeException(this.limitBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
