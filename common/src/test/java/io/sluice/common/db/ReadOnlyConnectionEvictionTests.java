package io.sluice.common.db;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadOnlyConnectionEvictionTests {

	private final ReadOnlyConnectionEviction eviction = new ReadOnlyConnectionEviction();

	@Test
	void evictsAConnectionThatAnsweredReadOnly() {
		assertThat(this.eviction
			.adjudicate(new SQLException("ERROR: cannot execute INSERT in a read-only transaction", "25006")))
			.isEqualTo(Override.MUST_EVICT);
	}

	@Test
	void evictsWhenAChainedFailureOfABatchWasReadOnly() {
		SQLException batch = new SQLException("Batch entry 0 was aborted", "25P02");
		batch.setNextException(new SQLException("cannot execute INSERT in a read-only transaction", "25006"));
		assertThat(this.eviction.adjudicate(batch)).isEqualTo(Override.MUST_EVICT);
	}

	@Test
	void leavesEveryOtherFailureToHikari() {
		assertThat(this.eviction.adjudicate(new SQLException("deadlock detected", "40P01")))
			.isEqualTo(Override.CONTINUE_EVICT);
		assertThat(this.eviction.adjudicate(new SQLException("connection lost", "08006")))
			.isEqualTo(Override.CONTINUE_EVICT);
		assertThat(this.eviction.adjudicate(new SQLException("no state"))).isEqualTo(Override.CONTINUE_EVICT);
	}

}
