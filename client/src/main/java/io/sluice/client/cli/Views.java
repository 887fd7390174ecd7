package io.sluice.client.cli;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sluice.client.model.JobView;
import io.sluice.client.model.PhotoCounts;

/**
 * A job's view in words: the lines of {@code sluice status}, one line of
 * {@code sluice ls}, and the summary a waiting command ends with.
 */
final class Views {

	/** The header of {@link #row}. */
	static final String HEADER = String.format(Locale.ROOT, "%-36s  %-21s  %12s  %7s  %7s  %9s  %6s  %9s  %s", "ID",
			"STATUS", "ALBUM", "TOTAL", "WRITTEN", "DUPLICATE", "FAILED", "CANCELLED", "CREATED");

	private Views() {
	}

	/**
	 * Every field of a view, one a line.
	 * @param view the view
	 * @return the lines
	 */
	static List<String> lines(JobView view) {
		List<String> lines = new ArrayList<>();
		lines.add("id         " + view.getId());
		lines.add("album      " + view.getAlbumId());
		lines.add("status     " + view.getStatus());
		lines.add("photos     " + counts(view.getPhotos()));
		lines.add("created    " + time(view.getCreatedAt()));
		lines.add("updated    " + time(view.getUpdatedAt()));
		lines.add("finished   " + time(view.getFinishedAt()));
		if (view.getEtaSeconds() != null && !ExitCodes.ended(view.getStatus())) {
			lines.add("eta        " + view.getEtaSeconds() + "s");
		}
		if (view.getFailureReason() != null) {
			lines.add("reason     " + view.getFailureReason());
		}
		return lines;
	}

	/**
	 * One line for a list of jobs, under {@link #HEADER}.
	 * @param view the view
	 * @return the line
	 */
	static String row(JobView view) {
		PhotoCounts photos = view.getPhotos();
		return String.format(Locale.ROOT, "%-36s  %-21s  %12d  %7d  %7d  %9d  %6d  %9d  %s", view.getId(),
				view.getStatus(), view.getAlbumId(), photos.getTotal(), photos.getWritten(), photos.getDuplicate(),
				photos.getFailed(), photos.getCancelled(), time(view.getCreatedAt()));
	}

	/**
	 * Where a job is, in one line.
	 * @param view the view
	 * @return such as
	 * {@code 3f0e... COMPLETED: 1000 photos: 990 written, 10 duplicate, 0 failed, 0 cancelled}
	 */
	static String summary(JobView view) {
		String reason = (view.getFailureReason() != null) ? " (" + view.getFailureReason() + ")" : "";
		return view.getId() + " " + view.getStatus() + ": " + counts(view.getPhotos()) + reason;
	}

	/**
	 * A job's photo figures.
	 * @param photos the figures
	 * @return such as
	 * {@code 1000 photos: 990 written, 10 duplicate, 0 failed, 0 cancelled}
	 */
	static String counts(PhotoCounts photos) {
		return photos.getTotal() + " photos: " + photos.getWritten() + " written, " + photos.getDuplicate()
				+ " duplicate, " + photos.getFailed() + " failed, " + photos.getCancelled() + " cancelled";
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? time.toString() : "-";
	}

}
