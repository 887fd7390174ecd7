package io.sluice.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlMetricNamesTests {

	@Test
	void findsMetricsInsideFunctionsAndAggregations() {
		assertThat(PromQlMetricNames.in("sum by (outcome) (rate(sluice_photos_total[$__rate_interval]))"))
			.containsExactly("sluice_photos_total");
	}

	@Test
	void ignoresLabelsStringsRangesAndKeywords() {
		assertThat(PromQlMetricNames.in("max(lag_a{application=\"sluice-worker\", topic=~\"x.y\"}) > 100 and "
				+ "deriv(max(lag_a{application=\"w\"})[10m:1m]) > 0 unless on (instance) up offset 5m"))
			.containsExactlyInAnyOrder("lag_a", "up");
	}

	@Test
	void findsEveryOperandOfABinaryExpression() {
		assertThat(PromQlMetricNames.in("sum(a_seconds_sum) by (instance) / sum without (le) (a_seconds_count)"))
			.containsExactlyInAnyOrder("a_seconds_sum", "a_seconds_count");
		assertThat(PromQlMetricNames.in("histogram_quantile(0.95, sum by (le, lane) (rate(b_bucket[5m])))"))
			.containsExactly("b_bucket");
	}

}
