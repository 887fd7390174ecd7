package io.sluice.api.job.metrics;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The {@value #NAME} gauge: how many jobs the database holds in each status, one time
 * series per {@link JobStatus} (tag {@code status}). The counts are read by one statement
 * on a schedule and kept; a scrape only reads what was kept, so scraping never touches
 * the database. While the database is away the last counts stay (and a warning is
 * logged). Every API instance reports the same fleet-wide figures: aggregate with
 * {@code max()}.
 */
class JobStatusGauge implements SmartLifecycle {

	static final String NAME = "sluice.jobs";

	private static final String COUNT_BY_STATUS = """
			SELECT status, count(*) AS jobs FROM import_job GROUP BY status
			""";

	private static final int QUERY_TIMEOUT_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(JobStatusGauge.class);

	private final JdbcTemplate jdbc;

	private final Duration interval;

	private final Map<JobStatus, AtomicLong> counts = new EnumMap<>(JobStatus.class);

	private ScheduledExecutorService scheduler;

	JobStatusGauge(DataSource dataSource, Duration interval, MeterRegistry meters) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
		this.interval = interval;
		for (JobStatus status : JobStatus.values()) {
			AtomicLong count = new AtomicLong();
			this.counts.put(status, count);
			Gauge.builder(NAME, count, AtomicLong::get)
				.description("Jobs in the database by status, counted every sluice.api.metrics.jobs-interval")
				.tag("status", status.name())
				.register(meters);
		}
	}

	/** Reads the counts now. */
	void refresh() {
		Map<JobStatus, Long> read = new EnumMap<>(JobStatus.class);
		RowCallbackHandler countOf = (row) -> read.put(JobStatus.valueOf(row.getString("status")), row.getLong("jobs"));
		this.jdbc.query(COUNT_BY_STATUS, countOf);
		this.counts.forEach((status, count) -> count.set(read.getOrDefault(status, 0L)));
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sluice-job-metrics");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::safeRefresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void safeRefresh() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// a scheduled task that throws is never run again: log and carry on
			log.warn("Could not count jobs by status for the {} gauge, keeping the last counts: {}", NAME,
					ex.toString());
		}
	}

}
