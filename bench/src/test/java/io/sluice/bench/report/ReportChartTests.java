package io.sluice.bench.report;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import static org.assertj.core.api.Assertions.assertThat;

class ReportChartTests {

	@Test
	void rendersEveryPanelHeadlessAsAPngOfItsSize(@TempDir Path out) throws Exception {
		BenchReport report = ReportFixtures.aReport();
		List<Chart<?, ?>> panels = new ArrayList<>(
				ThroughputPanels.of(report.runs(), report.settings().sizes(), 500, 420));
		List<Optional<XYChart>> connections = ConnectionPanels.of(report, 740, 440);
		assertThat(panels).hasSize(3);
		assertThat(connections).allMatch(Optional::isPresent);
		connections.forEach((panel) -> panels.add(panel.orElseThrow()));

		assertThat(GraphicsEnvironment.isHeadless()).isTrue();
		for (int i = 0; i < panels.size(); i++) {
			Chart<?, ?> panel = panels.get(i);
			Path file = out.resolve("panel-" + i + ".png");
			BitmapEncoder.saveBitmap(panel, file.toString(), BitmapFormat.PNG);
			BufferedImage image = ImageIO.read(file.toFile());
			assertThat(image).as(panel.getTitle()).isNotNull();
			assertThat(image.getWidth()).as(panel.getTitle()).isEqualTo(panel.getWidth());
			assertThat(image.getHeight()).as(panel.getTitle()).isEqualTo(panel.getHeight());
		}
	}

	@Test
	void titlesThePanelsWithTheirSizeAndFailedPhotos() {
		BenchReport report = ReportFixtures.aReport();
		assertThat(ThroughputPanels.of(report.runs(), report.settings().sizes(), 500, 420)).extracting(Chart::getTitle)
			.containsExactly("1,000 photos per run", "10,000 photos per run", "100,000 photos per run");
		assertThat(ConnectionPanels.of(report, 740, 440)).map((panel) -> panel.orElseThrow().getTitle())
			.containsExactly("naive, pool of 5: 55,200 of 100,000 photos failed",
					"sluice, cap 10 (API 4 + 2 workers x 3): 0 of 100,000 photos failed");
	}

	@Test
	void drawsTheSmokeRunWithOneSizeOneRepetitionAndNoNaiveTimeline(@TempDir Path out) throws Exception {
		BenchReport report = ReportFixtures.aSmokeReport();
		assertThat(ConnectionPanels.of(report, 740, 440)).extracting(Optional::isPresent).containsExactly(false, true);

		ReportFiles.write(report, out);

		BufferedImage chart = ImageIO.read(out.resolve(ReportFiles.CHART).toFile());
		assertThat(chart.getWidth()).isEqualTo(ReportChart.WIDTH);
		assertThat(chart.getHeight()).isEqualTo(ReportChart.HEIGHT);
	}

}
