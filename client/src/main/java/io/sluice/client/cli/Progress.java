package io.sluice.client.cli;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import io.sluice.client.model.JobStatus;
import io.sluice.client.model.JobView;

/**
 * The progress of the jobs a command waits for, on standard error, summed over them:
 * photos done (written, duplicate, failed, cancelled) of the total. On a terminal it
 * redraws one bar; otherwise it prints a plain line when something changed, at most one a
 * second but always when a job's status changes, so that logs stay short.
 */
final class Progress {

	/** How progress is shown ({@code --progress}). */
	enum Mode {

		/** A bar when standard error is a terminal, lines otherwise. */
		AUTO,

		/** One line redrawn in place. */
		BAR,

		/** A plain line per change. */
		LINES,

		/** Nothing. */
		NONE

	}

	private static final int WIDTH = 30;

	private static final long LINE_INTERVAL_NANOS = 1_000_000_000L;

	private final PrintWriter err;

	private final Mode mode;

	private final Map<UUID, JobView> views = new LinkedHashMap<>();

	private String lastLine = "";

	private String lastStatuses = "";

	private long lastPrintedNanos;

	private boolean drawn;

	/**
	 * Progress of some jobs.
	 * @param err standard error
	 * @param mode {@code --progress}
	 * @param terminal whether standard error is a terminal
	 * @param jobs the jobs as they were accepted
	 */
	Progress(PrintWriter err, Mode mode, boolean terminal, List<JobView> jobs) {
		this.err = err;
		this.mode = (mode == Mode.AUTO) ? (terminal ? Mode.BAR : Mode.LINES) : mode;
		jobs.forEach((view) -> this.views.put(view.getId(), view));
	}

	/**
	 * A job changed.
	 * @param view its new view
	 */
	synchronized void update(JobView view) {
		this.views.put(view.getId(), view);
		if (this.mode == Mode.BAR) {
			this.err.print("\r\033[2K" + bar());
			this.err.flush();
			this.drawn = true;
		}
		else if (this.mode == Mode.LINES) {
			String line = line();
			String statuses = statuses();
			long now = System.nanoTime();
			boolean statusChanged = !statuses.equals(this.lastStatuses);
			if (!line.equals(this.lastLine) && (statusChanged || now - this.lastPrintedNanos >= LINE_INTERVAL_NANOS)) {
				this.err.println(line);
				this.err.flush();
				this.lastLine = line;
				this.lastPrintedNanos = now;
			}
			this.lastStatuses = statuses;
		}
	}

	/** The jobs have ended, or the command stops waiting. */
	synchronized void finish() {
		if (this.mode == Mode.BAR && this.drawn) {
			this.err.println();
		}
		else if (this.mode == Mode.LINES && !line().equals(this.lastLine)) {
			this.err.println(line());
		}
		this.err.flush();
	}

	private String bar() {
		long total = total();
		long done = done();
		double fraction = (total > 0) ? Math.min(1.0, done / (double) total) : 0;
		int filled = (int) Math.round(fraction * WIDTH);
		return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
				+ String.format(Locale.ROOT, "%3d%%  %s", Math.round(fraction * 100), figures());
	}

	private String line() {
		return "progress: " + figures();
	}

	private String figures() {
		long written = 0;
		long duplicate = 0;
		long failed = 0;
		long cancelled = 0;
		for (JobView view : this.views.values()) {
			written += view.getPhotos().getWritten();
			duplicate += view.getPhotos().getDuplicate();
			failed += view.getPhotos().getFailed();
			cancelled += view.getPhotos().getCancelled();
		}
		String counts = done() + "/" + total() + " photos (" + written + " written, " + duplicate + " duplicate, "
				+ failed + " failed" + ((cancelled > 0) ? ", " + cancelled + " cancelled" : "") + ")";
		return counts + " " + statuses();
	}

	private String statuses() {
		if (this.views.size() == 1) {
			return this.views.values().iterator().next().getStatus().toString();
		}
		Map<JobStatus, Integer> byStatus = new EnumMap<>(JobStatus.class);
		this.views.values().forEach((view) -> byStatus.merge(view.getStatus(), 1, Integer::sum));
		StringJoiner jobs = new StringJoiner(", ", this.views.size() + " jobs: ", "");
		byStatus.forEach((status, count) -> jobs.add(count + " " + status));
		return jobs.toString();
	}

	private long total() {
		return this.views.values().stream().mapToLong((view) -> view.getPhotos().getTotal()).sum();
	}

	private long done() {
		return this.views.values()
			.stream()
			.mapToLong((view) -> (long) view.getPhotos().getWritten() + view.getPhotos().getDuplicate()
					+ view.getPhotos().getFailed() + view.getPhotos().getCancelled())
			.sum();
	}

}
