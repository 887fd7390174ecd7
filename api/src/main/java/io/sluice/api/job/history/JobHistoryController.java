package io.sluice.api.job.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.sluice.api.job.JobView;
import io.sluice.api.job.history.JobHistory.Filter;
import io.sluice.api.job.history.JobHistory.Page;
import io.sluice.api.job.history.JobHistory.Position;
import io.sluice.common.job.JobStatus;

import org.springframework.security.core.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's jobs, newest first, a page at a time:
 * {@code GET /api/v1/jobs?status=&albumId=&limit=&cursor=}. {@code status} may be
 * repeated or comma-separated; a malformed parameter is a 400 that names it.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs")
class JobHistoryController {

	/** The listing's name inside its cursors. */
	static final String LISTING = "jobs";

	private final JobHistory history;

	JobHistoryController(JobHistory history) {
		this.history = history;
	}

	@GetMapping
	@Operation(operationId = "listJobs", summary = "List the caller's jobs, newest first",
			description = "A page at a time: pass the answer's `next` as `cursor` for the next page, with the same "
					+ "filters.")
	JobList list(
			@Parameter(
					description = "Only jobs in these statuses; repeat the parameter or separate them with " + "commas",
					array = @ArraySchema(schema = @Schema(implementation = JobStatus.class)),
					explode = Explode.TRUE) @RequestParam(name = "status", required = false) List<String> status,
			@Parameter(description = "Only jobs for this album",
					schema = @Schema(type = "integer", format = "int64", minimum = "1")) @RequestParam(name = "albumId",
							required = false) String albumId,
			@PageQuery.Limit @RequestParam(name = "limit", required = false) String limit,
			@PageQuery.Cursor @RequestParam(name = "cursor", required = false) String cursor, Authentication caller) {
		int pageSize = PageQuery.limit(limit);
		Filter filter = new Filter(statuses(status), albumId(albumId), (cursor != null) ? position(cursor) : null);
		Page page = this.history.page(caller.getName(), filter, pageSize);
		return new JobList(page.jobs().stream().map(JobView::of).toList(),
				(page.next() != null) ? cursor(page.next()) : null);
	}

	private static Set<JobStatus> statuses(List<String> values) {
		if (values == null || values.isEmpty()) {
			return EnumSet.allOf(JobStatus.class);
		}
		Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
		for (String value : values) {
			for (String name : value.split(",", -1)) {
				try {
					statuses.add(JobStatus.valueOf(name.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidQueryException("status",
							"must be one of " + Arrays.toString(JobStatus.values()) + ", not '" + name + "'");
				}
			}
		}
		return statuses;
	}

	private static Long albumId(String value) {
		if (value == null) {
			return null;
		}
		try {
			long albumId = Long.parseLong(value);
			if (albumId > 0) {
				return albumId;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidQueryException("albumId", "must be a positive integer, not '" + value + "'");
	}

	private static String cursor(Position position) {
		Instant createdAt = position.createdAt();
		return PageQuery.cursor(LISTING, Long.toString(createdAt.getEpochSecond()),
				Integer.toString(createdAt.getNano()), position.id().toString());
	}

	private static Position position(String cursor) {
		List<String> key = PageQuery.key(LISTING, cursor, 3);
		try {
			return new Position(Instant.ofEpochSecond(Long.parseLong(key.get(0)), Integer.parseInt(key.get(1))),
					UUID.fromString(key.get(2)));
		}
		catch (IllegalArgumentException | DateTimeException | ArithmeticException ex) {
			throw PageQuery.invalidCursor();
		}
	}

	/**
	 * A page of the caller's jobs.
	 *
	 * @param jobs newest first
	 * @param next the cursor of the next page, {@code null} on the last page
	 */
	@Schema(description = "A page of the caller's jobs")
	record JobList(
			@Schema(description = "Newest first", requiredMode = Schema.RequiredMode.REQUIRED) List<JobView> jobs,
			@Schema(description = "The cursor of the next page; null on the last page") String next) {

	}

}
