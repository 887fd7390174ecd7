package io.sluice.worker.reconcile;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTests {

	@Test
	void isConsumedWhenNoPartitionIsBehind() {
		assertThat(Backlog.NONE.consumed()).isTrue();
		assertThat(new Backlog(Map.of(3, 1L)).consumed()).isFalse();
	}

	@Test
	void describesTheOffsetsToGoAndTheirPartitionsInOrder() {
		assertThat(new Backlog(Map.of(4, 10L, 1, 2L)).describe()).isEqualTo("12 offsets on partitions 1, 4");
		assertThat(new Backlog(Map.of(7, 1L)).describe()).isEqualTo("1 offset on partition 7");
	}

}
