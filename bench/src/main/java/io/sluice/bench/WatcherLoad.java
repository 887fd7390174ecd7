package io.sluice.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Many clients of one API at once, on a handful of threads: each watcher holds one event
 * stream of its own job and polls the same job once a second with {@code GET}, as its own
 * owner. One {@link HttpClient} (non-blocking I/O on one selector thread) and
 * {@value #IO_THREADS} threads for its callbacks carry every stream and every poll; one
 * more thread paces the polls. The polls are open-loop: a poll's latency runs from the
 * moment it was due, so a slow answer that delays the next poll of the same watcher
 * counts against the API, not for it.
 */
final class WatcherLoad implements AutoCloseable {

	/** Threads that run the HTTP client's callbacks. */
	static final int IO_THREADS = 2;

	private static final Duration POLL_PERIOD = Duration.ofSeconds(1);

	private static final long TICK_MILLIS = 5;

	private final ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, daemon("watchers-io"));

	private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("watchers-pace"));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.executor(this.io)
		.build();

	private final List<Watcher> watchers = new ArrayList<>();

	private final LongSupplier databaseMicros;

	private final AtomicBoolean recording = new AtomicBoolean();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Samples getMillis = new Samples();

	private final Samples lagMillis = new Samples();

	private final AtomicLong intended = new AtomicLong();

	private final AtomicLong ok = new AtomicLong();

	private final AtomicLong notModified = new AtomicLong();

	private final AtomicLong getErrors = new AtomicLong();

	private final AtomicLong events = new AtomicLong();

	private final AtomicInteger streamsOpen = new AtomicInteger();

	private final AtomicLong streamsRefused = new AtomicLong();

	private final AtomicLong streamsEnded = new AtomicLong();

	private final AtomicLong inFlight = new AtomicLong();

	private final String apiUrl;

	/**
	 * @param apiUrl the API
	 * @param databaseMicros the database's clock as read on this machine now, in
	 * microseconds since the epoch: what an event's version is compared with
	 */
	WatcherLoad(String apiUrl, LongSupplier databaseMicros) {
		this.apiUrl = apiUrl;
		this.databaseMicros = databaseMicros;
	}

	/**
	 * Opens every watcher's stream and starts its polls, spread evenly over a second.
	 * Returns once every stream has answered (opened or been refused).
	 * @param jobs each watcher's job id and token
	 * @param timeout how long to wait for the streams to open
	 */
	void start(List<WatchedJob> jobs, Duration timeout) {
		long start = System.nanoTime();
		long spacing = POLL_PERIOD.toNanos() / Math.max(1, jobs.size());
		List<CompletableFuture<?>> opened = new ArrayList<>();
		for (int i = 0; i < jobs.size(); i++) {
			Watcher watcher = new Watcher(jobs.get(i), start + POLL_PERIOD.toNanos() + i * spacing);
			this.watchers.add(watcher);
			opened.add(watcher.openStream());
		}
		try {
			CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new BenchmarkFailure("The watchers' " + jobs.size() + " event streams did not open within "
					+ timeout.toSeconds() + " s (" + this.streamsOpen.get() + " open)", ex);
		}
		this.pacer.scheduleAtFixedRate(this::pollDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Starts or stops counting polls and events into the figures. */
	void record(boolean on) {
		this.recording.set(on);
	}

	Samples getMillis() {
		return this.getMillis;
	}

	Samples lagMillis() {
		return this.lagMillis;
	}

	long intendedGets() {
		return this.intended.get();
	}

	long okGets() {
		return this.ok.get();
	}

	long notModifiedGets() {
		return this.notModified.get();
	}

	long failedGets() {
		return this.getErrors.get();
	}

	long events() {
		return this.events.get();
	}

	int streamsOpen() {
		return this.streamsOpen.get();
	}

	long streamsRefused() {
		return this.streamsRefused.get();
	}

	long streamsEnded() {
		return this.streamsEnded.get();
	}

	@Override
	public void close() {
		this.running.set(false);
		this.pacer.shutdownNow();
		for (Watcher watcher : this.watchers) {
			watcher.closeStream();
		}
		this.io.shutdownNow();
	}

	private void pollDue() {
		long now = System.nanoTime();
		for (Watcher watcher : this.watchers) {
			if (watcher.due(now)) {
				watcher.poll();
			}
		}
	}

	private HttpRequest.Builder request(WatchedJob job, String path) {
		return HttpRequest.newBuilder(URI.create(this.apiUrl + "/api/v1/jobs/" + job.id() + path))
			.header("Authorization", "Bearer " + job.token())
			.timeout(Duration.ofSeconds(30));
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * A job a watcher follows, and the watcher's token (its owner's).
	 *
	 * @param id the job's id
	 * @param token a bearer token of the job's owner
	 */
	record WatchedJob(String id, String token) {

	}

	/** One client: one stream, one poll a second. */
	private final class Watcher {

		private final WatchedJob job;

		private final AtomicBoolean polling = new AtomicBoolean();

		private volatile long dueNanos;

		private volatile String etag;

		private volatile Flow.Subscription stream;

		private volatile long lastVersion;

		Watcher(WatchedJob job, long firstDueNanos) {
			this.job = job;
			this.dueNanos = firstDueNanos;
		}

		boolean due(long now) {
			return now - this.dueNanos >= 0 && WatcherLoad.this.running.get()
					&& this.polling.compareAndSet(false, true);
		}

		void poll() {
			long scheduled = this.dueNanos;
			this.dueNanos = scheduled + POLL_PERIOD.toNanos();
			boolean counted = WatcherLoad.this.recording.get();
			if (counted) {
				WatcherLoad.this.intended.incrementAndGet();
			}
			HttpRequest.Builder builder = request(this.job, "");
			String known = this.etag;
			if (known != null) {
				builder.header("If-None-Match", known);
			}
			WatcherLoad.this.inFlight.incrementAndGet();
			WatcherLoad.this.http.sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding())
				.whenComplete((response, failure) -> {
					WatcherLoad.this.inFlight.decrementAndGet();
					long millis = (System.nanoTime() - scheduled) / 1_000_000;
					if (failure == null) {
						response.headers().firstValue("ETag").ifPresent((value) -> this.etag = value);
					}
					if (counted) {
						if (failure != null || (response.statusCode() != 200 && response.statusCode() != 304)) {
							WatcherLoad.this.getErrors.incrementAndGet();
						}
						else {
							(response.statusCode() == 304 ? WatcherLoad.this.notModified : WatcherLoad.this.ok)
								.incrementAndGet();
							WatcherLoad.this.getMillis.add(millis);
						}
					}
					this.polling.set(false);
				});
		}

		CompletableFuture<?> openStream() {
			HttpRequest.Builder builder = request(this.job, "/events").header("Accept", "text/event-stream")
				.timeout(Duration.ofHours(1));
			long resumeAfter = this.lastVersion;
			if (resumeAfter != 0) {
				builder.header("Last-Event-ID", Long.toString(resumeAfter));
			}
			CompletableFuture<Void> answered = new CompletableFuture<>();
			WatcherLoad.this.http.sendAsync(builder.build(), (info) -> {
				if (info.statusCode() != 200) {
					WatcherLoad.this.streamsRefused.incrementAndGet();
					answered.complete(null);
					reconnectLater();
					return HttpResponse.BodySubscribers.discarding();
				}
				return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(answered, resumeAfter != 0));
			}).whenComplete((response, failure) -> answered.complete(null));
			return answered;
		}

		/** Opens the stream again after a second, as EventSource does. */
		void reconnectLater() {
			if (!WatcherLoad.this.running.get()) {
				return;
			}
			try {
				WatcherLoad.this.pacer.schedule(() -> {
					if (WatcherLoad.this.running.get()) {
						openStream();
					}
				}, 1, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException closing) {
				// the load is closing: no reconnect
			}
		}

		void closeStream() {
			Flow.Subscription subscription = this.stream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		/**
		 * Reads the stream line by line: an event's {@code id} line is its job's version,
		 * {@code updated_at} in microseconds by the database's clock; the event counts
		 * when its blank line arrives. The first event of a stream is the job as it was
		 * when the stream opened, not a change, so it is not timed.
		 */
		private final class Lines implements Flow.Subscriber<String> {

			private final CompletableFuture<Void> answered;

			private long version;

			private boolean first;

			Lines(CompletableFuture<Void> answered, boolean resumed) {
				this.answered = answered;
				this.first = !resumed;
			}

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				Watcher.this.stream = subscription;
				WatcherLoad.this.streamsOpen.incrementAndGet();
				this.answered.complete(null);
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(String line) {
				if (line.startsWith("id:")) {
					this.version = Long.parseLong(line.substring(3).trim());
				}
				else if (line.isEmpty() && this.version != 0) {
					long lagMicros = WatcherLoad.this.databaseMicros.getAsLong() - this.version;
					Watcher.this.lastVersion = this.version;
					this.version = 0;
					if (this.first) {
						this.first = false;
					}
					else if (WatcherLoad.this.recording.get()) {
						WatcherLoad.this.events.incrementAndGet();
						WatcherLoad.this.lagMillis.add(lagMicros / 1_000);
					}
				}
			}

			@Override
			public void onError(Throwable failure) {
				ended();
			}

			@Override
			public void onComplete() {
				ended();
			}

			/** Reconnects with Last-Event-ID after a second, as EventSource does. */
			private void ended() {
				WatcherLoad.this.streamsOpen.decrementAndGet();
				if (WatcherLoad.this.running.get()) {
					WatcherLoad.this.streamsEnded.incrementAndGet();
					reconnectLater();
				}
			}

		}

	}

	/** Milliseconds, appended from any thread; read once recording has stopped. */
	static final class Samples {

		private long[] values = new long[1 << 16];

		private int size;

		synchronized void add(long value) {
			if (this.size == this.values.length) {
				this.values = java.util.Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		synchronized List<Double> values() {
			List<Double> copy = new ArrayList<>(this.size);
			for (int i = 0; i < this.size; i++) {
				copy.add((double) this.values[i]);
			}
			return copy;
		}

		synchronized void clear() {
			this.size = 0;
		}

	}

}
