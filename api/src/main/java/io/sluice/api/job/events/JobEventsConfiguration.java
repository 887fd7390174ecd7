package io.sluice.api.job.events;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.sluice.api.job.RecentJobs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wiring of the job event streams: one registry and one poller per API instance (ADR
 * 0022), and the gauge {@value #STREAMS_GAUGE}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobEventsProperties.class)
class JobEventsConfiguration {

	/** The gauge of open job event streams. */
	static final String STREAMS_GAUGE = "sluice.api.events.streams";

	/** Seconds an idle writer thread lingers before it ends. */
	static final int WRITER_KEEP_ALIVE_SECONDS = 60;

	@Bean
	JobEventStreams jobEventStreams(JobEventsProperties properties, MeterRegistry meters) {
		JobEventStreams streams = new JobEventStreams(properties, writerThreads(properties.maxStreams()));
		Gauge.builder(STREAMS_GAUGE, streams, JobEventStreams::size)
			.description("Job event streams open on this API instance (at most sluice.api.events.max-streams)")
			.register(meters);
		return streams;
	}

	@Bean
	JobEventPoller jobEventPoller(JdbcTemplate jdbc, JobEventStreams streams, RecentJobs recentJobs,
			JobEventsProperties properties) {
		return new JobEventPoller(new WatchedJobs(jdbc), streams, recentJobs, properties);
	}

	/**
	 * What the poller read last, for {@code GET} (ADR 0039): answered from for at most
	 * two poll intervals, so that one late tick does not send every poll to the database.
	 */
	@Bean
	RecentJobs recentJobs(JobEventsProperties properties) {
		return new RecentJobs(properties.pollInterval().multipliedBy(2), properties.polledJobTtl(),
				properties.maxPolledJobs(), System::nanoTime);
	}

	/**
	 * The threads that write to the streams: as many as streams are being written to at
	 * the moment, which is a handful (a write takes microseconds) plus one per client
	 * that stopped reading, at most one per stream. Never a Spring bean: an Executor bean
	 * would replace the application's task executor.
	 */
	private static ThreadPoolExecutor writerThreads(int maxStreams) {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(1, maxStreams, WRITER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task, "sluice-job-events-writer-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

}
