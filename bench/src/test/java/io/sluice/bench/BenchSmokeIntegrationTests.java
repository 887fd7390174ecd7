package io.sluice.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.sluice.bench.report.ReportFiles;
import io.sluice.embedded.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole benchmark in smoke mode (1,000 photos, one repetition, a 10,000-photo
 * fairness job, two small rounds of concurrent submits, 20 watchers) on the shared test
 * infrastructure, so the command cannot break quietly. Checks what every run must show,
 * never how fast anything was.
 */
class BenchSmokeIntegrationTests {

	@Test
	void runsEveryVariantAndWritesAReportWithVerifiedRows() throws Exception {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		Path out = home.resolve("bench").resolve("target").resolve("bench-smoke");
		BenchSettings settings = BenchSettings.smoke(home, out).withExternal(TestInfrastructure.shared());

		new Benchmark(settings, System.out, false).run();

		JsonNode report = JsonMapper.builder().build().readTree(out.resolve(ReportFiles.JSON).toFile());
		List<String> variants = new ArrayList<>();
		for (JsonNode run : report.get("runs")) {
			variants.add(run.get("variant").asString());
			assertThat(run.get("photos").asInt()).isEqualTo(1_000);
			assertThat(run.get("photosPerSecond").asDouble()).as(run.toString()).isPositive();
			assertThat(run.get("ratioToCeiling").asDouble()).as(run.toString()).isPositive();
			assertThat(run.get("rowsVerified").asBoolean()).as(run.toString()).isTrue();
		}
		assertThat(variants).containsExactly("ceiling", "tuned-batch", "naive", "sluice");
		for (JsonNode run : report.get("repetitions")) {
			assertThat(run.get("rows").asLong()).as(run.toString())
				.isEqualTo(run.get("photos").asLong() - run.get("failedPhotos").asLong());
		}
		JsonNode sluice = report.get("runs").get(3);
		assertThat(sluice.get("peakConnections").asInt()).isPositive().isLessThanOrEqualTo(10);
		assertThat(sluice.get("poolTimeouts").asInt()).isZero();
		assertThat(sluice.get("failedPhotos").asInt()).isZero();
		assertThat(sluice.has("acceptLatencyP50Ms")).isTrue();
		assertThat(report.get("fairness").get("smallJobs").asInt()).isEqualTo(20);
		assertThat(report.get("fairness").get("smallJobP95Ms").asLong())
			.isGreaterThanOrEqualTo(report.get("fairness").get("smallJobP50Ms").asLong());
		assertThat(report.get("fairnessBehindQueue").get("bigJobs").asInt()).isEqualTo(3);
		assertThat(report.get("fairnessBehindQueue").get("smallJobs").asInt()).isEqualTo(20);
		assertThat(report.get("machine").get("postgres").asString()).isNotBlank();
		for (String round : new String[] { "cold", "warm" }) {
			JsonNode submits = report.get("submits").get(round);
			assertThat(submits.get("submits").asInt()).as(round).isEqualTo(64);
			assertThat(submits.get("accepted").asInt() + submits.get("unavailable").asInt()
					+ submits.get("otherRefusals").asInt())
				.as(round)
				.isEqualTo(64);
			assertThat(submits.get("jobsCompleted").asInt()).as(round).isEqualTo(submits.get("accepted").asInt());
			assertThat(submits.get("driverCpuMs").asDouble()).as(round).isPositive();
		}
		JsonNode watchers = report.get("watchers");
		assertThat(watchers.get("watchers").asInt()).isEqualTo(20);
		assertThat(watchers.get("drainJobs").asInt()).isEqualTo(BenchSettings.WATCHER_DRAIN_JOBS);
		assertThat(watchers.get("drainJobPhotos").asInt()).isEqualTo(10_000);
		assertThat(watchers.get("drainWithRuns")).hasSize(BenchSettings.WATCHER_ROUNDS);
		assertThat(watchers.get("drainWithoutRuns")).hasSize(BenchSettings.WATCHER_ROUNDS);

		BufferedImage chart = ImageIO.read(out.resolve(ReportFiles.CHART).toFile());
		assertThat(chart).isNotNull();
		assertThat(chart.getWidth()).isPositive();
		assertThat(out.resolve(ReportFiles.MARKDOWN)).content().contains("| 1,000 | sluice |");
	}

}
