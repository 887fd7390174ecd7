package io.sluice.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console progress bar: runs done of all runs, the current run and how far its photos
 * are. On a terminal it redraws one line four times a second; otherwise (a log file, a
 * test) it prints one line per run.
 */
final class ProgressBar implements AutoCloseable {

	private static final int WIDTH = 30;

	private final PrintStream out;

	private final int total;

	private final boolean terminal;

	private final AtomicLong photosDone = new AtomicLong();

	private final ScheduledExecutorService redraw;

	private volatile int finished;

	private volatile String label = "";

	private volatile long photos;

	ProgressBar(PrintStream out, int total, boolean terminal) {
		this.out = out;
		this.total = total;
		this.terminal = terminal;
		this.redraw = terminal ? Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bench-progress");
			thread.setDaemon(true);
			return thread;
		}) : null;
		if (this.redraw != null) {
			this.redraw.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * A run starts.
	 * @param label what runs, such as {@code rep 2/3  10,000 photos  naive}
	 * @param photos its photos
	 * @return the counter the run advances
	 */
	AtomicLong start(String label, long photos) {
		this.label = label;
		this.photos = photos;
		this.photosDone.set(0);
		if (!this.terminal) {
			this.out.printf("[%d/%d] %s%n", this.finished + 1, this.total, label);
		}
		draw();
		return this.photosDone;
	}

	/**
	 * The current run is done.
	 * @param summary a short result, such as {@code 52,300 photos/s}
	 */
	void finish(String summary) {
		this.finished++;
		if (this.terminal) {
			synchronized (this) {
				this.out.print("\r\033[2K");
				this.out.printf("  %-46s %s%n", this.label, summary);
			}
			draw();
		}
		else {
			this.out.printf("        %s%n", summary);
		}
	}

	private synchronized void draw() {
		if (!this.terminal) {
			return;
		}
		double run = (this.photos > 0) ? Math.min(1.0, this.photosDone.get() / (double) this.photos) : 0;
		double overall = (this.finished + ((this.finished < this.total) ? run : 0)) / this.total;
		int filled = (int) Math.round(overall * WIDTH);
		this.out.print("\r\033[2K[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
				+ String.format(Locale.ROOT, "%3d%%  %d/%d  %s  %3d%%", Math.round(overall * 100), this.finished,
						this.total, this.label, Math.round(run * 100)));
		this.out.flush();
	}

	@Override
	public void close() {
		if (this.redraw != null) {
			this.redraw.shutdownNow();
			synchronized (this) {
				this.out.print("\r\033[2K");
				this.out.flush();
			}
		}
	}

}
