package io.sluice.bench.report;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sluice.bench.report.BenchReport.Scale;
import io.sluice.bench.report.BenchReport.ScalePoint;
import io.sluice.bench.report.BenchReport.ScaleRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ScaleReportTests {

	@Test
	void takesMediansPerDistanceAndWorkerCountAgainstOneWorkerAtTheSameDistance() {
		List<ScaleRun> runs = List.of(run(10, 2, 1, 30_000), run(10, 2, 2, 50_000), run(10, 2, 3, 40_000),
				run(10, 1, 1, 20_000), run(2, 1, 1, 60_000), run(2, 3, 1, 90_000));

		List<ScalePoint> points = ScaleSummaries.of(runs);

		assertThat(points).extracting(ScalePoint::distanceMs, ScalePoint::workers)
			.containsExactly(tuple(2, 1), tuple(2, 3), tuple(10, 1), tuple(10, 2));
		ScalePoint twoWorkersFar = points.get(3);
		assertThat(twoWorkersFar.photosPerSecond()).isEqualTo(40_000);
		assertThat(twoWorkersFar.minPhotosPerSecond()).isEqualTo(30_000);
		assertThat(twoWorkersFar.maxPhotosPerSecond()).isEqualTo(50_000);
		assertThat(twoWorkersFar.ratioToOneWorker()).isEqualTo(2.0);
		assertThat(points.get(1).ratioToOneWorker()).isEqualTo(1.5);
	}

	@Test
	void leavesTheRatioOutWithoutAOneWorkerPoint() {
		assertThat(ScaleSummaries.of(List.of(run(10, 3, 1, 30_000))).get(0).ratioToOneWorker()).isNull();
	}

	@Test
	void writesTheScaleTableAndItsChartIntoTheReport(@TempDir Path out) throws Exception {
		BenchReport report = ReportFixtures.aReport().withScale(aScale(), 400);

		ReportFiles.write(report, out);

		String markdown = Files.readString(out.resolve(ReportFiles.MARKDOWN));
		assertThat(markdown).contains("| 2 ms | 1 | 20,000 | 1.00 | 15,000 – 25,000 |")
			.contains("| 5,000 ms | 12 | 90 % | 0.70 | 0.20 |")
			.contains("under a fleet budget of 20")
			.contains("| 100,000 | sluice |");
		BufferedImage chart = ImageIO.read(out.resolve(ReportFiles.SCALE_CHART).toFile());
		assertThat(chart.getWidth()).isEqualTo(ScaleChart.WIDTH);
		assertThat(chart.getHeight()).isEqualTo(ScaleChart.HEIGHT);
		assertThat(ReportFiles.read(out.resolve(ReportFiles.JSON)).scale()).isEqualTo(report.scale());
	}

	@Test
	void writesAReportOfTheScaleScenarioAloneWithoutTheVariantsChart(@TempDir Path out) throws Exception {
		BenchReport alone = new BenchReport(ReportFixtures.aReport().machine(), List.of(), null, null, null, List.of(),
				List.of(), 200, null, null, aScale());

		ReportFiles.write(alone, out);

		assertThat(out.resolve(ReportFiles.CHART)).doesNotExist();
		assertThat(out.resolve(ReportFiles.SCALE_CHART)).exists();
		assertThat(Files.readString(out.resolve(ReportFiles.MARKDOWN)))
			.startsWith("Scale: one job against a database that looks far away")
			.doesNotContain("| photos | variant |");
		assertThat(ReportFiles.read(out.resolve(ReportFiles.JSON)).runs()).isEmpty();
	}

	private static Scale aScale() {
		List<ScaleRun> runs = new ArrayList<>();
		for (int distance : new int[] { 2, 10 }) {
			for (int workers = 6; workers >= 1; workers--) {
				runs.add(run(distance, workers, 1, 20_000 * Math.min(workers, 3) / (distance / 2.0 + 1) * 1.5));
				runs.add(run(distance, workers, 2, 20_000 * Math.min(workers, 3) / (distance / 2.0 + 1) * 2.5));
				runs.add(run(distance, workers, 3, 20_000 * Math.min(workers, 3) / (distance / 2.0 + 1) * 2));
			}
		}
		return new Scale(100_000, 500, 20, 2, 20, 12, 3, 3, 18, ScaleSummaries.of(runs), runs);
	}

	private static ScaleRun run(int distanceMs, int workers, int repetition, double photosPerSecond) {
		return new ScaleRun(distanceMs, workers, repetition, 250, 100_000 / photosPerSecond * 1000, photosPerSecond,
				0.9, 0.7, 0.2, 12, "job-" + distanceMs + "-" + workers + "-" + repetition);
	}

}
