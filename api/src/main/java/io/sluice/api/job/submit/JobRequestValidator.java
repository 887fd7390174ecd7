package io.sluice.api.job.submit;

import java.util.List;

import io.sluice.api.job.submit.JobRequest.CallbackRequest;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import io.sluice.api.web.FieldProblem;
import io.sluice.common.webhook.CallbackUrlRule;

/**
 * Decides whether a job request may be stored and published: every rule, every photo,
 * before anything is written, so that bad input never reaches Kafka. Reports at most one
 * violation per field, in request order. Pure: no I/O; the addresses a callback URL's
 * host resolves to are judged by {@link CallbackHosts} once the request passed.
 */
final class JobRequestValidator {

	/** Longest caption accepted, in characters (Unicode code points). */
	static final int MAX_CAPTION_LENGTH = 2000;

	/** The name of the callback URL in problems. */
	static final String CALLBACK_URL = "callback.url";

	private final int maxPhotos;

	private final CallbackUrlRule callbackRule;

	JobRequestValidator(int maxPhotos) {
		this(maxPhotos, new CallbackUrlRule(false));
	}

	JobRequestValidator(int maxPhotos, CallbackUrlRule callbackRule) {
		this.maxPhotos = maxPhotos;
		this.callbackRule = callbackRule;
	}

	/**
	 * Checks a request.
	 * @param request the request as read, possibly {@code null} (a JSON {@code null}
	 * body)
	 * @return the violations found, empty if the request is acceptable
	 */
	Violations validate(JobRequest request) {
		Violations violations = new Violations();
		if (request == null) {
			violations.add(new FieldProblem(null, null, "The request body must be a JSON object."));
			return violations;
		}
		checkAlbumId(request.albumId(), violations);
		checkPhotos(request.photos(), violations);
		checkCallback(request.callback(), violations);
		return violations;
	}

	private void checkCallback(CallbackRequest callback, Violations violations) {
		if (callback == null) {
			return;
		}
		String problem = this.callbackRule.problem(callback.url());
		if (problem != null) {
			violations.add(FieldProblem.ofField(CALLBACK_URL, problem));
		}
	}

	private void checkAlbumId(Long albumId, Violations violations) {
		if (albumId == null) {
			violations.add(FieldProblem.ofField("albumId", "is required"));
		}
		else if (albumId <= 0) {
			violations.add(FieldProblem.ofField("albumId", "must be a positive integer"));
		}
	}

	private void checkPhotos(List<PhotoRequest> photos, Violations violations) {
		if (photos == null) {
			violations.add(FieldProblem.ofField("photos", "is required"));
			return;
		}
		if (photos.isEmpty()) {
			violations.add(FieldProblem.ofField("photos", "must hold at least 1 photo"));
			return;
		}
		if (photos.size() > this.maxPhotos) {
			violations.add(FieldProblem.ofField("photos",
					"must hold at most " + this.maxPhotos + " photos (it holds " + photos.size() + ")"));
		}
		for (int index = 0; index < photos.size(); index++) {
			checkPhoto(index, photos.get(index), violations);
		}
	}

	private static void checkPhoto(int index, PhotoRequest photo, Violations violations) {
		if (photo == null) {
			violations.add(new FieldProblem(index, null, "must be a JSON object, not null"));
			return;
		}
		String urlProblem = (photo.url() != null) ? PhotoUrlRule.problem(photo.url()) : "is required";
		if (urlProblem != null) {
			violations.add(FieldProblem.ofPhoto(index, "url", urlProblem));
		}
		String captionProblem = (photo.caption() != null) ? captionProblem(photo.caption()) : null;
		if (captionProblem != null) {
			violations.add(FieldProblem.ofPhoto(index, "caption", captionProblem));
		}
	}

	private static String captionProblem(String caption) {
		int length = caption.codePointCount(0, caption.length());
		if (length > MAX_CAPTION_LENGTH) {
			return "must be at most " + MAX_CAPTION_LENGTH + " characters long (it has " + length + ")";
		}
		return Text.problem(caption, false);
	}

}
