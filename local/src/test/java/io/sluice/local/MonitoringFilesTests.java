package io.sluice.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.sluice.local.RepositoryFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration, its alert rules and the Grafana dashboard under
 * {@code ops/} agree with the services: every worker replica is discovered, and every
 * expression reads only metrics the services publish ({@link MetricContract}).
 */
class MonitoringFilesTests {

	private final RepositoryFiles files = RepositoryFiles.find();

	@Test
	void discoversEveryWorkerReplicaByDns() {
		Map<String, Object> prometheus = this.files.yaml("ops/prometheus/prometheus.yml");
		Map<String, Object> workers = scrapeJob(prometheus, "sluice-worker");
		assertThat(workers).containsEntry("metrics_path", "/actuator/prometheus");
		List<Map<String, Object>> discovery = at(workers, "dns_sd_configs");
		assertThat(discovery).singleElement().satisfies((dns) -> {
			assertThat(dns).containsEntry("names", List.of("worker")).containsEntry("type", "A");
			assertThat(dns).containsEntry("port",
					at(this.files.yaml("worker/src/main/resources/application.yml"), "server", "port"));
		});
		Map<String, Object> api = scrapeJob(prometheus, "sluice-api");
		assertThat(api).containsEntry("metrics_path", "/actuator/prometheus");
		Object apiPort = at(this.files.yaml("api/src/main/resources/application.yml"), "server", "port");
		assertThat(String.valueOf(api.get("static_configs"))).contains("api:" + apiPort);
	}

	@Test
	void loadsTheAlertRulesNextToTheConfiguration() {
		List<String> ruleFiles = at(this.files.yaml("ops/prometheus/prometheus.yml"), "rule_files");
		assertThat(ruleFiles).containsExactly("alerts.yml");
		assertThat(this.files.path("ops/prometheus/alerts.yml")).isRegularFile();
	}

	@Test
	void alertsReadOnlyPublishedMetricsAndEachHasARunbookSection() {
		String runbook = this.files.text("docs/runbook.md");
		Set<String> allowed = new HashSet<>(MetricContract.PUBLISHED);
		allowed.add(MetricContract.SCRAPE_UP);
		List<Map<String, Object>> rules = new ArrayList<>();
		List<Map<String, Object>> groups = at(this.files.yaml("ops/prometheus/alerts.yml"), "groups");
		groups.forEach((group) -> rules.addAll(at(group, "rules")));
		assertThat(rules).extracting((rule) -> rule.get("alert"))
			.contains("SluiceTargetDown", "SluiceWorkerWaitingForLease", "SluicePoolPending", "SluicePoolTimeouts",
					"SluiceConsumerLagGrowing", "SluiceIntakePaused", "SluiceJobsStalled");
		for (Map<String, Object> rule : rules) {
			String alert = (String) rule.get("alert");
			Set<String> metrics = PromQlMetricNames.in((String) rule.get("expr"));
			assertThat(metrics).as("metrics of %s", alert).isNotEmpty().isSubsetOf(allowed);
			assertThat((String) at(rule, "annotations", "runbook")).as("runbook of %s", alert)
				.isEqualTo("docs/runbook.md#" + alert.toLowerCase());
			assertThat(runbook).as("runbook section for %s", alert).contains("\n### " + alert + "\n");
		}
	}

	@Test
	void dashboardReadsOnlyPublishedMetricsAndShowsEachConcern() {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(this.files.text("ops/grafana/dashboards/sluice.json"));
		Set<String> used = new HashSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			if ("row".equals(panel.get("type").asString())) {
				continue;
			}
			assertThat(panel.get("datasource").get("uid").asString()).isEqualTo(provisionedDatasourceUid());
			assertThat(panel.get("targets").isEmpty()).as(panel.get("title").asString()).isFalse();
			for (JsonNode target : panel.get("targets")) {
				Set<String> metrics = PromQlMetricNames.in(target.get("expr").asString());
				assertThat(metrics).as("metrics of panel '%s'", panel.get("title").asString())
					.isNotEmpty()
					.isSubsetOf(MetricContract.PUBLISHED);
				used.addAll(metrics);
			}
		}
		assertThat(used).contains("sluice_photos_total", "kafka_consumer_fetch_manager_records_lag_max",
				"hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_timeout_total",
				"sluice_chunk_write_seconds_bucket", "sluice_lease_connections", "sluice_lease_budget", "sluice_jobs",
				"sluice_intake_paused");
	}

	@Test
	void provisionsTheDashboardFromTheMountedDirectory() {
		Map<String, Object> grafana = at(this.files.yaml("docker-compose.yml"), "services", "grafana");
		List<String> volumes = at(grafana, "volumes");
		List<Map<String, Object>> providers = at(this.files.yaml("ops/grafana/provisioning/dashboards/sluice.yml"),
				"providers");
		String path = at(providers.get(0), "options", "path");
		assertThat(volumes).contains("./ops/grafana/dashboards:" + path + ":ro",
				"./ops/grafana/provisioning:/etc/grafana/provisioning:ro");
	}

	private String provisionedDatasourceUid() {
		List<Map<String, Object>> datasources = at(
				this.files.yaml("ops/grafana/provisioning/datasources/prometheus.yml"), "datasources");
		return (String) datasources.get(0).get("uid");
	}

	private static Map<String, Object> scrapeJob(Map<String, Object> prometheus, String name) {
		List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");
		return jobs.stream()
			.filter((job) -> name.equals(job.get("job_name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No scrape job " + name));
	}

}
