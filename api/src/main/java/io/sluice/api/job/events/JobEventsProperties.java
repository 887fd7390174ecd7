package io.sluice.api.job.events;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The job event streams ({@code GET /api/v1/jobs/{id}/events}, ADR 0022).
 *
 * @param pollInterval How often one query reads every watched job of this API instance;
 * the longest a change takes to reach a stream. Between 50ms and 10s.
 * @param heartbeatInterval Longest a stream stays silent: a ": keep-alive" comment is
 * sent when nothing else was. At least poll-interval, at most 15s.
 * @param timeout How long one stream stays open; then it closes and EventSource
 * reconnects with Last-Event-ID. At least heartbeat-interval.
 * @param maxStreams Most streams open at once on this API instance; beyond it 503.
 * @param maxStreamsPerOwner Most streams one owner may have open at once on this API
 * instance; beyond it 429. At most max-streams.
 * @param maxQueuedEvents Most events waiting to be written to one stream; a stream that
 * falls further behind is ended with a reconnect event, and its client resumes with
 * Last-Event-ID.
 * @param writeTimeout Longest one write to a stream may take; a stream whose client stops
 * reading for longer is ended and its slot freed.
 * @param polledJobTtl How long a job polled with GET is read by the poller, with the
 * streamed jobs, after each poll; GETs in that time are answered from the poller's read
 * (ADR 0039).
 * @param maxPolledJobs Most polled jobs the poller reads at once; polls of others go to
 * the database.
 */
@Validated
@ConfigurationProperties("sluice.api.events")
record JobEventsProperties(@DefaultValue("500ms") @NotNull Duration pollInterval,
		@DefaultValue("15s") @NotNull Duration heartbeatInterval, @DefaultValue("30m") @NotNull Duration timeout,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxStreams,
		@DefaultValue("20") @Min(1) @Max(100_000) int maxStreamsPerOwner,
		@DefaultValue("64") @Min(2) @Max(10_000) int maxQueuedEvents,
		@DefaultValue("10s") @NotNull Duration writeTimeout, @DefaultValue("10s") @NotNull Duration polledJobTtl,
		@DefaultValue("10000") @Min(0) @Max(100_000) int maxPolledJobs) {

	/** Shortest poll interval accepted. */
	static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(50);

	/** Longest poll interval accepted. */
	static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);

	/** Longest heartbeat interval accepted: proxies drop idle connections. */
	static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

	JobEventsProperties {
		if (pollInterval != null && heartbeatInterval != null && timeout != null) {
			if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
				throw new IllegalArgumentException(
						"sluice.api.events.poll-interval must be between " + MIN_POLL_INTERVAL.toMillis() + "ms and "
								+ MAX_POLL_INTERVAL.toSeconds() + "s, not " + pollInterval);
			}
			if (heartbeatInterval.compareTo(pollInterval) < 0
					|| heartbeatInterval.compareTo(MAX_HEARTBEAT_INTERVAL) > 0) {
				throw new IllegalArgumentException(
						"sluice.api.events.heartbeat-interval must be at least sluice.api.events.poll-interval ("
								+ pollInterval + ") and at most " + MAX_HEARTBEAT_INTERVAL.toSeconds() + "s, not "
								+ heartbeatInterval);
			}
			if (writeTimeout != null && (writeTimeout.isNegative() || writeTimeout.isZero())) {
				throw new IllegalArgumentException(
						"sluice.api.events.write-timeout must be positive, not " + writeTimeout);
			}
			if (timeout.compareTo(heartbeatInterval) < 0) {
				throw new IllegalArgumentException(
						"sluice.api.events.timeout must be at least sluice.api.events.heartbeat-interval ("
								+ heartbeatInterval + "), not " + timeout);
			}
		}
		if (maxStreamsPerOwner > maxStreams) {
			throw new IllegalArgumentException("sluice.api.events.max-streams-per-owner (" + maxStreamsPerOwner
					+ ") must be at most sluice.api.events.max-streams (" + maxStreams + ")");
		}
	}

}
