package io.sluice.client.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The photo file formats {@code sluice submit} reads. Each photo has a {@code url} and an
 * optional {@code caption}; nothing else is accepted, so that a misspelt column or field
 * is an error rather than a photo without its caption.
 */
enum PhotoFormat {

	/**
	 * RFC 4180: a header naming the columns {@code url} and, optionally, {@code caption},
	 * then one record per photo; quoted fields may hold commas, quotes (doubled) and line
	 * breaks. An empty caption is no caption.
	 */
	CSV,

	/** One JSON object per line: {@code {"url": "...", "caption": "..."}}. */
	NDJSON,

	/**
	 * A JSON array of such objects, or an object {@code {"photos": [...]}} (which may
	 * also hold the {@code albumId} of the submit).
	 */
	JSON;

	/**
	 * The format a file's extension names.
	 * @param file the file
	 * @return {@code .csv}, {@code .ndjson} or {@code .jsonl}, {@code .json}
	 */
	static Optional<PhotoFormat> of(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv")) {
			return Optional.of(CSV);
		}
		if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
			return Optional.of(NDJSON);
		}
		if (name.endsWith(".json")) {
			return Optional.of(JSON);
		}
		return Optional.empty();
	}

}
