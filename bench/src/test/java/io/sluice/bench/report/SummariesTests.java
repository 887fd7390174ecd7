package io.sluice.bench.report;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.sluice.bench.report.BenchReport.Measurement;
import io.sluice.bench.report.BenchReport.VariantSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummariesTests {

	@Test
	void ratesEachRunAgainstTheCeilingOfItsOwnRepetition() {
		List<Measurement> rated = Summaries.withRatios(
				List.of(run(1, "ceiling", 100), run(1, "sluice", 80), run(2, "ceiling", 50), run(2, "sluice", 45)));
		assertThat(rated).extracting(Measurement::ratioToCeiling).containsExactly(1.0, 0.8, 1.0, 0.9);
	}

	@Test
	void summarisesMediansOverRepetitionsAndThePeakOverAll() {
		List<Measurement> rated = Summaries.withRatios(List.of(run(1, "ceiling", 100), run(1, "sluice", 80),
				run(2, "ceiling", 50), run(2, "sluice", 45), run(3, "ceiling", 100), run(3, "sluice", 10)));
		List<VariantSummary> summaries = Summaries.of(rated, List.of(1_000), List.of("ceiling", "sluice"));
		VariantSummary sluice = summaries.get(1);
		assertThat(sluice.variant()).isEqualTo("sluice");
		assertThat(sluice.photosPerSecond()).isEqualTo(45);
		assertThat(sluice.ratioToCeiling()).isCloseTo(0.8, within(1e-9));
		assertThat(sluice.minPhotosPerSecond()).isEqualTo(10);
		assertThat(sluice.maxPhotosPerSecond()).isEqualTo(80);
		assertThat(sluice.peakConnections()).isEqualTo(7);
		assertThat(sluice.repetitions()).isEqualTo(3);
	}

	@Test
	void takesMediansAndNearestRankPercentiles() {
		assertThat(Statistics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Statistics.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
		List<Double> twenty = IntStream.rangeClosed(1, 20).mapToObj((i) -> (double) i).toList();
		assertThat(Statistics.percentile(twenty, 50)).isEqualTo(10);
		assertThat(Statistics.percentile(twenty, 95)).isEqualTo(19);
		assertThat(Statistics.percentile(twenty, 99)).isEqualTo(20);
	}

	private static Measurement run(int repetition, String variant, double photosPerSecond) {
		return new Measurement(repetition, variant, 1_000, repetition, 1_000_000 / photosPerSecond, photosPerSecond,
				null, repetition + 4, 1, 0, 0, 1_000, true, null, null, null, null);
	}

}
