package io.sluice.bench.report;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFilesTests {

	@Test
	void writesJsonInTheIssuesShapeMarkdownAndADecodablePng(@TempDir Path out) throws Exception {
		ReportFiles.write(ReportFixtures.aReport(), out);

		JsonNode json = JsonMapper.builder().build().readTree(out.resolve(ReportFiles.JSON).toFile());
		assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
		assertThat(json.get("runs")).hasSize(12);
		JsonNode first = json.get("runs").get(0);
		for (String field : new String[] { "variant", "photos", "photosPerSecond", "ratioToCeiling", "peakConnections",
				"poolTimeouts", "failedPhotos" }) {
			assertThat(first.has(field)).as(field).isTrue();
		}
		assertThat(first.has("acceptLatencyP50Ms")).as("null fields are left out").isFalse();
		assertThat(json.get("fairness").get("smallJobP50Ms").asLong()).isEqualTo(900);
		assertThat(json.get("fairness").get("smallJobP95Ms").asLong()).isEqualTo(1_400);

		assertThat(Files.readString(out.resolve(ReportFiles.MARKDOWN)))
			.contains("| 100,000 | naive | 4,200 | 0.04 | 5 | 55,200 | 55,200 |")
			.contains("warmed with 2 untimed Sluice jobs of 100,000 photos (41,000 → 97,000 photos/s in turn");
		assertThat(json.get("watchers").get("getP99Ms").asDouble()).isEqualTo(18.0);
		assertThat(json.get("watchers").get("eventLagP99Ms").asDouble()).isEqualTo(640.0);
		assertThat(json.get("watchers").get("drainRatio").asDouble()).isEqualTo(0.92);
		assertThat(Files.readString(out.resolve(ReportFiles.MARKDOWN)))
			.contains("| GET p50 / p95 / p99 / max (ms, from when due) | 4 / 9 / 18 / 140 |")
			.contains("| drain photos/s without / with watchers (median) | 110,000 / 101,000 (0.92x) |")
			.contains("| API connections open (busy), without / with | 4 (2) / 4 (3) |");
		assertThat(json.get("settings").get("sluiceWarmUpPhotosPerSecond").get(1).asLong()).isEqualTo(97_000);

		BufferedImage chart = ImageIO.read(out.resolve(ReportFiles.CHART).toFile());
		assertThat(chart.getWidth()).isEqualTo(ReportChart.WIDTH);
		assertThat(chart.getHeight()).isEqualTo(ReportChart.HEIGHT);
	}

	@Test
	void reportsConcurrentSubmitsColdAndWarmUnderSubmits(@TempDir Path out) throws Exception {
		ReportFiles.write(ReportFixtures.aReport(), out);

		JsonNode submits = JsonMapper.builder().build().readTree(out.resolve(ReportFiles.JSON).toFile()).get("submits");
		assertThat(submits.get("owners").asInt()).isEqualTo(32);
		assertThat(submits.get("cold").get("unavailable").asInt()).isEqualTo(1);
		assertThat(submits.get("warm").get("submitsPerSecond").asDouble()).isEqualTo(533);
		assertThat(submits.get("warm").get("acceptP99Ms").asDouble()).isEqualTo(88);
		assertThat(submits.get("warm").get("driverCores").asDouble()).isEqualTo(0.35);
		assertThat(Files.readString(out.resolve(ReportFiles.MARKDOWN)))
			.contains("| cold | 1,280 | 492 | 48 ms | 80 ms | 95 ms | 140 ms | 1 | 1 | 0.35 cores |")
			.contains("| warm | 1,280 | 533 | 45 ms | 70 ms | 88 ms | 120 ms | 0 | 0 | 0.35 cores |");
	}

	@Test
	void writesNoChartForAScenarioRunAlone(@TempDir Path out) throws Exception {
		BenchReport full = ReportFixtures.aReport();

		ReportFiles.write(alone(full.submits(), null), out.resolve("submits"));
		ReportFiles.write(alone(null, full.watchers()), out.resolve("watchers"));

		assertThat(out.resolve("submits").resolve(ReportFiles.CHART)).doesNotExist();
		assertThat(Files.readString(out.resolve("submits").resolve(ReportFiles.MARKDOWN))).startsWith("| submits |")
			.doesNotContain("| photos |")
			.doesNotContain("Watchers:");
		assertThat(out.resolve("watchers").resolve(ReportFiles.CHART)).doesNotExist();
		assertThat(Files.readString(out.resolve("watchers").resolve(ReportFiles.MARKDOWN)))
			.startsWith("Watchers: 1,000 owners")
			.doesNotContain("| photos |")
			.doesNotContain("| submits |");
	}

	/** A report of one scenario run alone ({@code --only}): no variants, no fairness. */
	private static BenchReport alone(BenchReport.Submits submits, BenchReport.Watchers watchers) {
		BenchReport full = ReportFixtures.aReport();
		return new BenchReport(full.machine(), List.of(), null, null, full.settings(), List.of(), List.of(), 60,
				submits, watchers, null);
	}

	@Test
	void readsBackTheReportItSaved(@TempDir Path out) {
		BenchReport report = ReportFixtures.aReport();
		ReportFiles.write(report, out);

		assertThat(ReportFiles.read(out.resolve(ReportFiles.JSON))).isEqualTo(report);
	}

}
