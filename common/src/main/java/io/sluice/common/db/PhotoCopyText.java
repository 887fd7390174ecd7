package io.sluice.common.db;

import java.util.UUID;

/**
 * Rows of the {@code photo} table in the text format of PostgreSQL's {@code COPY}: one
 * line per photo, columns separated by tabs, in the column order of {@link #COPY}. Shared
 * by the worker, which writes chunks this way, and the benchmark's ceiling, so both send
 * the database the same bytes.
 */
public final class PhotoCopyText {

	/** The statement whose input {@link #appendRow} writes. */
	public static final String COPY = "COPY photo (album_id, url_hash, url, caption, job_id) FROM STDIN";

	private PhotoCopyText() {
	}

	/**
	 * Appends one photo row, ending in a newline.
	 * @param out where the row goes
	 * @param albumId the album, as decimal text
	 * @param urlHash the URL's hash ({@link UrlHash#of})
	 * @param url the URL
	 * @param caption the caption, or {@code null}
	 * @param jobId the job, as text
	 */
	public static void appendRow(StringBuilder out, String albumId, UUID urlHash, String url, String caption,
			String jobId) {
		out.append(albumId).append('\t').append(urlHash).append('\t');
		appendText(out, url);
		out.append('\t');
		appendText(out, caption);
		out.append('\t').append(jobId).append('\n');
	}

	/**
	 * Appends one value: backslash, tab, newline and carriage return escaped,
	 * {@code null} as {@code \N}. U+0000 cannot be sent at all (PostgreSQL text cannot
	 * hold it); the API refuses it.
	 * @param out where the value goes
	 * @param value the value, or {@code null}
	 */
	public static void appendText(StringBuilder out, String value) {
		if (value == null) {
			out.append("\\N");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
	}

}
