package io.sluice.embedded;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void neverHandsOutAPortAlreadyTakenThoughItIsStillUnbound() {
		int[] taken = IntStream.range(0, 20).map((i) -> FreePorts.find()).toArray();

		int port = FreePorts.findOtherThan(taken);

		assertThat(taken).doesNotContain(port);
		assertThat(FreePorts.isFree(port)).isTrue();
	}

}
