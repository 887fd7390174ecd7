package io.sluice.local;

import java.util.Set;

/**
 * The Prometheus names the services publish (issue 6's shared contract, listed in the
 * "Metrics" table of docs/operations.md): the only names the dashboard and the alert
 * rules may read.
 */
final class MetricContract {

	/**
	 * Sluice's own meters and the Hikari, Spring Kafka and Kafka client meters it relies
	 * on.
	 */
	static final Set<String> PUBLISHED = Set.of("sluice_photos_total", "sluice_chunk_write_seconds_bucket",
			"sluice_chunk_write_seconds_sum", "sluice_chunk_write_seconds_count", "sluice_chunk_retries_total",
			"sluice_chunks_dead_lettered_total", "sluice_intake_paused", "sluice_jobs", "sluice_jobs_stalled",
			"sluice_lease_connections", "sluice_lease_budget", "sluice_lease_waiting", "sluice_retention_deleted_total",
			"sluice_retention_last_run_seconds", "sluice_webhook_deliveries_total", "sluice_webhook_deliveries_pending",
			"hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
			"hikaricp_connections_max", "hikaricp_connections_timeout_total",
			"hikaricp_connections_acquire_seconds_count", "hikaricp_connections_acquire_seconds_sum",
			"hikaricp_connections_acquire_seconds_max", "spring_kafka_listener_seconds_count",
			"spring_kafka_listener_seconds_sum", "spring_kafka_listener_seconds_max",
			"kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_lag");

	/** Prometheus's own series of each scrape, which alert rules may read as well. */
	static final String SCRAPE_UP = "up";

	private MetricContract() {
	}

}
