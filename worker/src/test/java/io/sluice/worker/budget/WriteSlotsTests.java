package io.sluice.worker.budget;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WriteSlotsTests {

	@Test
	void handsOutAtMostItsSlotsAndTheNextOneWhenOneIsClosed() throws Exception {
		WriteSlots slots = new WriteSlots(2);
		WriteSlots.Slot first = slots.acquire();
		WriteSlots.Slot second = slots.acquire();
		assertThat(slots.free()).isZero();

		CompletableFuture<WriteSlots.Slot> third = CompletableFuture.supplyAsync(slots::acquire);
		await().during(200, TimeUnit.MILLISECONDS).atMost(1, TimeUnit.SECONDS).until(() -> !third.isDone());

		first.close();
		third.get(5, TimeUnit.SECONDS).close();
		second.close();
		assertThat(slots.free()).isEqualTo(2);
	}

}
