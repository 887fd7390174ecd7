package io.sluice.api.job;

/**
 * A job's entity tag, and the {@code If-None-Match} check of RFC 9110 (section 13.1.2)
 * against it. The tag is weak, {@code W/"<version>"}: the view's {@code etaSeconds} and
 * {@code Retry-After} are worked out at each read, so two views of one version are
 * equivalent, not identical. The version is the view's ({@link Job#viewVersion()}), which
 * moves with the job and, once it has ended, with its callback's delivery.
 * {@code If-None-Match} is compared weakly, as the RFC asks, so {@code "v"} and
 * {@code W/"v"} both match.
 */
final class EntityTags {

	private EntityTags() {
	}

	/**
	 * The entity tag of a job's view.
	 * @param job the job
	 * @return {@code W/"<version>"}
	 */
	static String of(Job job) {
		return "W/\"" + job.viewVersion() + "\"";
	}

	/**
	 * Whether an {@code If-None-Match} header matches the job's current view: {@code *}
	 * (any current view), or a list of entity tags of which one is the view's, weak or
	 * strong. A malformed member matches nothing; a malformed header as a whole never
	 * matches, so the full view is sent.
	 * @param ifNoneMatch the header's value, or {@code null}
	 * @param job the job, which exists and is the caller's
	 * @return whether the answer is 304
	 */
	static boolean matches(String ifNoneMatch, Job job) {
		if (ifNoneMatch == null) {
			return false;
		}
		String header = ifNoneMatch.trim();
		if (header.equals("*")) {
			return true;
		}
		String opaque = "\"" + job.viewVersion() + "\"";
		int at = 0;
		while (at < header.length()) {
			at = skipSeparators(header, at);
			if (at >= header.length()) {
				return false;
			}
			if (header.startsWith("W/", at)) {
				at += 2;
			}
			if (at >= header.length() || header.charAt(at) != '"') {
				return false;
			}
			int end = header.indexOf('"', at + 1);
			if (end < 0) {
				return false;
			}
			if (header.regionMatches(at, opaque, 0, opaque.length()) && end - at + 1 == opaque.length()) {
				return true;
			}
			at = end + 1;
		}
		return false;
	}

	private static int skipSeparators(String header, int from) {
		int at = from;
		while (at < header.length()
				&& (header.charAt(at) == ',' || header.charAt(at) == ' ' || header.charAt(at) == '\t')) {
			at++;
		}
		return at;
	}

}
