package io.sluice.api.job.metrics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API's job metrics ({@link JobStatusGauge}).
 *
 * @param jobsInterval How often the jobs are counted by status for the sluice.jobs gauge:
 * one query per interval, never one per scrape.
 */
@Validated
@ConfigurationProperties("sluice.api.metrics")
record JobMetricsProperties(@DefaultValue("15s") @NotNull Duration jobsInterval) {

}
