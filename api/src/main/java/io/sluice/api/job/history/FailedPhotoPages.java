package io.sluice.api.job.history;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the photos of a job that the database rejected ({@code failed_photo}, written by
 * the workers' {@code RejectedPhotos}, ADR 0015) in photo order, a page at a time: one
 * primary-key range scan per page.
 */
class FailedPhotoPages {

	private static final String AFTER_INDEX = """
			SELECT photo_index, url, sqlstate, reason
			FROM failed_photo
			WHERE job_id = :jobId AND photo_index > :afterIndex
			ORDER BY photo_index
			LIMIT :rows
			""";

	private final JdbcClient jdbc;

	FailedPhotoPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads one page of a job's failed photos.
	 * @param jobId the job, already known to be the caller's
	 * @param afterIndex the index of the last photo of the previous page, or -1 for the
	 * first page
	 * @param limit most photos on the page
	 * @return the page; {@code more} says whether another follows
	 */
	Page page(UUID jobId, int afterIndex, int limit) {
		List<FailedPhoto> rows = this.jdbc.sql(AFTER_INDEX)
			.param("jobId", jobId)
			.param("afterIndex", afterIndex)
			.param("rows", limit + 1)
			.query((rs, row) -> new FailedPhoto(rs.getInt("photo_index"), rs.getString("url"), rs.getString("sqlstate"),
					rs.getString("reason")))
			.list();
		return (rows.size() > limit) ? new Page(rows.subList(0, limit), true) : new Page(rows, false);
	}

	/**
	 * A photo the database rejected.
	 *
	 * @param index its position in the job's {@code photos} array
	 * @param url its url
	 * @param code the SQLState the database rejected it with (say {@code 22021} for a NUL
	 * in the caption)
	 * @param message the database's message
	 */
	@Schema(description = "A photo the database rejected")
	record FailedPhoto(
			@Schema(description = "Its position in the job's photos",
					requiredMode = Schema.RequiredMode.REQUIRED) int index,
			@Schema(description = "Its url", requiredMode = Schema.RequiredMode.REQUIRED) String url,
			@Schema(description = "The SQLState the database rejected it with",
					requiredMode = Schema.RequiredMode.REQUIRED, example = "22021") String code,
			@Schema(description = "The database's message",
					requiredMode = Schema.RequiredMode.REQUIRED) String message) {

	}

	/**
	 * A page of failed photos.
	 *
	 * @param photos in photo order
	 * @param more whether more follow the last one
	 */
	record Page(List<FailedPhoto> photos, boolean more) {

	}

}
