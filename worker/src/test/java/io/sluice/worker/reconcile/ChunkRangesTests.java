package io.sluice.worker.reconcile;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkRangesTests {

	@Test
	void compressesRunsIntoRanges() {
		assertThat(ChunkRanges.format(List.of(3, 4, 5, 6, 7, 12))).isEqualTo("3-7, 12");
	}

	@Test
	void writesSingleIndexesAndPairs() {
		assertThat(ChunkRanges.format(List.of(0))).isEqualTo("0");
		assertThat(ChunkRanges.format(List.of(0, 1))).isEqualTo("0-1");
		assertThat(ChunkRanges.format(List.of(0, 2, 4))).isEqualTo("0, 2, 4");
		assertThat(ChunkRanges.format(List.of(1, 2, 3, 9, 10, 39))).isEqualTo("1-3, 9-10, 39");
	}

	@Test
	void saysNoneForNoIndexes() {
		assertThat(ChunkRanges.format(List.of())).isEqualTo("none");
	}

	@Test
	void cutsALongListAndCountsWhatItLeftOut() {
		List<Integer> everyOther = IntStream.range(0, 50).map((i) -> i * 2).boxed().toList();

		String text = ChunkRanges.format(everyOther);

		assertThat(text).startsWith("0, 2, 4, ").endsWith(", 38 and 30 more");
		assertThat(text.split(", ")).hasSize(ChunkRanges.MAX_RANGES);
	}

	@Test
	void comparesIndexesByValueNotIdentity() {
		assertThat(ChunkRanges.format(List.of(1000, 1001, 1002))).isEqualTo("1000-1002");
	}

}
