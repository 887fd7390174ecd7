package io.sluice.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.sluice.local.RepositoryFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration, its alert rules and the Grafana dashboard under
 * {@code ops/} agree with the services: every worker replica is discovered, every
 * expression reads only metrics the services publish ({@link MetricContract}), every
 * alert has its runbook section, and docs/operations.md lists every published series.
 */
class MonitoringFilesTests {

	private static final String OPERATIONS = "docs/operations.md";

	private static final String METRICS_HEADER = "| series (Micrometer name) | where | what it means |";

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private final RepositoryFiles files = RepositoryFiles.find();

	/** Prometheus scrapes each service's management port, never its public one. */
	@Test
	void discoversEveryWorkerReplicaByDns() {
		Map<String, Object> prometheus = this.files.yaml("ops/prometheus/prometheus.yml");
		Map<String, Object> workers = scrapeJob(prometheus, "sluice-worker");
		assertThat(workers).containsEntry("metrics_path", "/actuator/prometheus");
		List<Map<String, Object>> discovery = at(workers, "dns_sd_configs");
		assertThat(discovery).singleElement().satisfies((dns) -> {
			assertThat(dns).containsEntry("names", List.of("worker")).containsEntry("type", "A");
			assertThat(dns).containsEntry("port",
					at(this.files.yaml("worker/src/main/resources/application.yml"), "management", "server", "port"));
		});
		Map<String, Object> api = scrapeJob(prometheus, "sluice-api");
		assertThat(api).containsEntry("metrics_path", "/actuator/prometheus");
		Object apiPort = at(this.files.yaml("api/src/main/resources/application.yml"), "management", "server", "port");
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
	void theMetricsTableListsEveryPublishedSeriesInOneTable() {
		List<String> section = RepositoryFiles.section(this.files.text(OPERATIONS), "Metrics");
		int header = section.indexOf(METRICS_HEADER);
		assertThat(header).as("the metrics table of %s", OPERATIONS).isNotNegative();
		// A blank line would end the table there: GitHub shows the rows after it as text.
		List<String> rows = section.subList(header + 2, section.size())
			.stream()
			.takeWhile((line) -> line.startsWith("|"))
			.toList();
		Set<String> names = new HashSet<>();
		Set<String> prefixes = new HashSet<>();
		for (String row : rows) {
			for (String series : seriesOf(row.substring(1, row.indexOf('|', 1)))) {
				if (series.endsWith("*")) {
					prefixes.add(series.substring(0, series.length() - 1));
				}
				else {
					names.add(series);
				}
			}
		}
		assertThat(MetricContract.PUBLISHED).as("published series, each in a row of the table in %s", OPERATIONS)
			.allSatisfy(
					(name) -> assertThat(names.contains(name) || prefixes.stream().anyMatch(name::startsWith)).as(name)
						.isTrue());
	}

	@Test
	void readsTheShorthandOfTheMetricsTable() {
		assertThat(seriesOf(" `sluice_chunk_write_seconds_bucket/_sum/_count{lane,outcome}` (`sluice.chunk.write`) "))
			.containsExactly("sluice_chunk_write_seconds_bucket", "sluice_chunk_write_seconds_sum",
					"sluice_chunk_write_seconds_count");
		assertThat(seriesOf(" `hikaricp_connections_active/idle`, `hikaricp_connections_acquire_seconds_*` "))
			.containsExactly("hikaricp_connections_active", "hikaricp_connections_idle",
					"hikaricp_connections_acquire_seconds_*");
	}

	/**
	 * The Prometheus names in a cell of the metrics table: {@code a_b_c/_d} is
	 * {@code a_b_c} and {@code a_b_d}, {@code a_b/c} is {@code a_b} and {@code a_c}, a
	 * trailing {@code *} stands for any suffix, tags in braces are dropped, and dotted
	 * Micrometer names are skipped.
	 */
	static List<String> seriesOf(String cell) {
		List<String> series = new ArrayList<>();
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			String text = code.group(1).replaceAll("\\{[^}]*}", "");
			if (text.contains(".")) {
				continue;
			}
			String[] parts = text.split("/");
			String base = parts[0];
			series.add(base);
			String stem = base.substring(0, Math.max(0, base.lastIndexOf('_')));
			for (int i = 1; i < parts.length; i++) {
				series.add(parts[i].startsWith("_") ? stem + parts[i] : stem + "_" + parts[i]);
			}
		}
		return series;
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
