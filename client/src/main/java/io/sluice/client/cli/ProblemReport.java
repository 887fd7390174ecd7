package io.sluice.client.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.ApiException;
import io.sluice.client.model.AlbumForbiddenProblem;
import io.sluice.client.model.FieldProblem;
import io.sluice.client.model.IdempotencyKeyReusedProblem;
import io.sluice.client.model.InsufficientScopeProblem;
import io.sluice.client.model.InvalidQueryProblem;
import io.sluice.client.model.InvalidRequestProblem;
import io.sluice.client.model.JobTerminalProblem;
import io.sluice.client.model.MalformedBodyProblem;
import io.sluice.client.model.Problem;
import io.sluice.client.model.TooManyPendingPhotosProblem;
import io.sluice.client.model.UnavailableProblem;

/**
 * A failed request in words, from the RFC 9457 problem the API answered, read with the
 * generated models: the status and title, the detail, each {@code errors[]} entry with
 * the photo and field it names, and the members a problem type adds (the job that has
 * ended, the pending photos, the scope required...). A request that never reached the API
 * says where it was sent and why it failed.
 */
final class ProblemReport {

	private static final String TYPE_PREFIX = "urn:sluice:problem:";

	private final ObjectMapper mapper;

	private final URI apiUrl;

	ProblemReport(ObjectMapper mapper, URI apiUrl) {
		this.mapper = mapper;
		this.apiUrl = apiUrl;
	}

	/**
	 * The lines that describe a failure, the first a summary.
	 * @param failure the failure
	 * @return the lines, without a trailing newline
	 */
	List<String> lines(ApiFailure failure) {
		ApiException ex = failure.apiException();
		List<String> lines = new ArrayList<>();
		String tried = (failure.attempts() > 1) ? " (tried " + failure.attempts() + " times)" : "";
		if (ex.getCode() == 0) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			lines.add("sluice: " + failure.action() + ": could not reach the API at " + this.apiUrl + tried + ": "
					+ describe(cause));
			return lines;
		}
		Problem problem = read(ex.getResponseBody(), Problem.class);
		if (problem == null || problem.getTitle() == null) {
			String body = (ex.getResponseBody() == null) ? "" : ex.getResponseBody().strip();
			lines.add("sluice: " + failure.action() + ": the API answered " + ex.getCode() + tried
					+ (body.isEmpty() ? "" : ": " + abbreviated(body)));
			return lines;
		}
		lines.add("sluice: " + failure.action() + ": " + problem.getStatus() + " " + problem.getTitle() + tried);
		if (problem.getDetail() != null) {
			lines.add("  " + problem.getDetail());
		}
		addMembers(lines, type(problem), ex.getResponseBody(), failure.photoNames());
		return lines;
	}

	private void addMembers(List<String> lines, String type, String body, IntFunction<String> photoNames) {
		switch (type) {
			case "invalid-request" -> with(body, InvalidRequestProblem.class,
					(problem) -> addErrors(lines, problem.getErrors(), problem.getErrorCount(), photoNames));
			case "malformed-body" -> with(body, MalformedBodyProblem.class,
					(problem) -> addErrors(lines, problem.getErrors(), problem.getErrorCount(), photoNames));
			case "invalid-query" -> with(body, InvalidQueryProblem.class,
					(problem) -> addErrors(lines, problem.getErrors(), problem.getErrorCount(), photoNames));
			case "job-terminal" -> with(body, JobTerminalProblem.class,
					(problem) -> lines.add("  job " + problem.getJobId() + " ended " + problem.getJobStatus()));
			case "too-many-pending-photos" -> with(body, TooManyPendingPhotosProblem.class,
					(problem) -> lines.add("  pending photos " + problem.getPendingPhotos() + " + this job's "
							+ problem.getJobPhotos() + " > the limit " + problem.getMaxPendingPhotos()));
			case "idempotency-key-reused" -> with(body, IdempotencyKeyReusedProblem.class, (problem) -> lines
				.add("  the key names job " + problem.getJobId() + " until " + problem.getKeyExpiresAt()));
			case "insufficient-scope" -> with(body, InsufficientScopeProblem.class,
					(problem) -> lines.add("  required scope: " + problem.getRequiredScope()));
			case "album-forbidden" ->
				with(body, AlbumForbiddenProblem.class, (problem) -> lines.add("  album " + problem.getAlbumId()));
			case "unavailable" -> with(body, UnavailableProblem.class, (problem) -> {
				if (problem.getJobId() != null) {
					lines.add("  job " + problem.getJobId() + " was recorded but could not be queued: it is FAILED");
				}
			});
			default -> {
				// about:blank and the types without members of their own
			}
		}
	}

	private <T> void with(String body, Class<T> type, Consumer<T> action) {
		T problem = read(body, type);
		if (problem != null) {
			action.accept(problem);
		}
	}

	private static void addErrors(List<String> lines, List<FieldProblem> errors, Integer errorCount,
			IntFunction<String> photoNames) {
		if (errors == null) {
			return;
		}
		for (FieldProblem error : errors) {
			StringBuilder where = new StringBuilder("  ");
			if (error.getIndex() != null) {
				where.append(
						(photoNames != null) ? photoNames.apply(error.getIndex()) : "photos[" + error.getIndex() + "]");
				if (error.getField() != null) {
					where.append(' ').append(error.getField());
				}
				where.append(": ");
			}
			else if (error.getField() != null) {
				where.append(error.getField()).append(": ");
			}
			lines.add(where + error.getMessage());
		}
		if (errorCount != null && errorCount > errors.size()) {
			lines.add("  ... " + errorCount + " problems in all, the first " + errors.size() + " listed");
		}
	}

	private static String type(Problem problem) {
		String type = (problem.getType() != null) ? problem.getType().toString() : "about:blank";
		return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
	}

	private <T> T read(String body, Class<T> type) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return this.mapper.readValue(body, type);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	private static String abbreviated(String body) {
		String line = body.replaceAll("\\s+", " ");
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	/**
	 * Why a connection failed, in a few words.
	 * @param cause what the HTTP client threw
	 * @return its type and the first message in its chain, such as
	 * {@code HttpConnectTimeoutException: HTTP connect timed out}
	 */
	static String describe(Throwable cause) {
		String message = null;
		for (Throwable link = cause; link != null && message == null; link = link.getCause()) {
			message = link.getMessage();
			if (link.getCause() == link) {
				break;
			}
		}
		if (message == null && cause instanceof java.net.ConnectException) {
			message = "connection refused";
		}
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
