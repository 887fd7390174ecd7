package io.sluice.api.job.history;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The paging parameters the job listings share: {@code limit}, a page size, and
 * {@code cursor}, an opaque token from the previous page's {@code next}. A cursor is the
 * base64url encoding of the listing's name and the sort key of the last entry returned
 * (keyset paging): a page never repeats or skips an entry however many are added
 * meanwhile, and costs one index range scan however deep it is.
 */
final class PageQuery {

	/** Entries per page when {@code limit} is not given. */
	static final int DEFAULT_LIMIT = 20;

	/** Most entries one page may hold. */
	static final int MAX_LIMIT = 100;

	private static final String SEPARATOR = "|";

	private PageQuery() {
	}

	/**
	 * Documents {@code limit} as the contract types it; the listings read it as text
	 * ({@link #limit(String)}) so that a malformed one is a 400 that names it.
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Parameter(description = "Entries per page", schema = @Schema(type = "integer", format = "int32", minimum = "1",
			maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
	@interface Limit {

	}

	/** Documents {@code cursor}: the {@code next} of the previous page, opaque. */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Parameter(description = "The previous page's `next`, as it was; absent for the first page",
			schema = @Schema(type = "string",
					example = "am9ic3wxNzk1ODEyODQxfDM1Nzk1NTAwMHwzZjBlNWYyYS04YTViLTRjMWUtOWQ3YS01MmI4YTFjNmUwZDQ"))
	@interface Cursor {

	}

	/**
	 * Reads {@code limit}.
	 * @param raw the parameter as sent, or {@code null}
	 * @return the page size, {@link #DEFAULT_LIMIT} if not given
	 * @throws InvalidQueryException unless it is a whole number from 1 to
	 * {@link #MAX_LIMIT}
	 */
	static int limit(String raw) {
		if (raw == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(raw);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidQueryException("limit",
				"must be a whole number from 1 to " + MAX_LIMIT + ", not '" + raw + "'");
	}

	/**
	 * Makes a cursor.
	 * @param listing which listing it belongs to
	 * @param key the sort key of the last entry returned, in parts without {@code '|'}
	 * @return the opaque cursor
	 */
	static String cursor(String listing, String... key) {
		String text = listing + SEPARATOR + String.join(SEPARATOR, key);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a cursor made by {@link #cursor} for the same listing.
	 * @param listing the listing being read
	 * @param cursor the parameter as sent
	 * @param parts how many parts the listing's key has
	 * @return the key's parts
	 * @throws InvalidQueryException if the cursor was not made for this listing
	 */
	static List<String> key(String listing, String cursor, int parts) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			List<String> split = List.of(text.split("\\" + SEPARATOR, -1));
			if (split.size() == parts + 1 && split.get(0).equals(listing)) {
				return split.subList(1, split.size());
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw invalidCursor();
	}

	/**
	 * The failure to report for a cursor whose key does not parse.
	 * @return the exception to throw
	 */
	static InvalidQueryException invalidCursor() {
		return new InvalidQueryException("cursor",
				"is not a cursor of this listing; pass the 'next' value of the previous page unchanged");
	}

}
