package io.sluice.worker.write;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChunkCountsTests {

	@Test
	void countsRowsTheInsertSkippedAsDuplicate() {
		assertThat(ChunkCounts.inserted(500, 480)).isEqualTo(new ChunkCounts(500, 480, 20, 0));
	}

	@Test
	void countsEveryPhotoOfAChunkWrittenBeforeAsDuplicate() {
		assertThat(ChunkCounts.inserted(500, 0)).isEqualTo(new ChunkCounts(500, 0, 500, 0));
	}

	@Test
	void countsEveryPhotoOfAFailedChunkAsFailed() {
		assertThat(ChunkCounts.failed(37)).isEqualTo(new ChunkCounts(37, 0, 0, 37));
	}

	@Test
	void refusesMoreInsertedRowsThanOffered() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkCounts.inserted(10, 11))
			.withMessageContaining("Inserted 11 rows but only 10 were offered");
	}

	@Test
	void refusesCountsThatDoNotAddUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkCounts(10, 5, 4, 0))
			.withMessageContaining("do not add up");
	}

	@Test
	void makesAFailureReasonStorableInPostgresText() {
		assertThat(UnwritableChunks.storable("bad caption \u0000 here")).isEqualTo("bad caption \\u0000 here");
		assertThat(UnwritableChunks.storable("x".repeat(5000))).hasSize(UnwritableChunks.MAX_REASON_LENGTH);
		assertThat(UnwritableChunks.storable(null)).isEqualTo("unknown");
	}

}
