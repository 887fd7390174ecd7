package io.sluice.worker.budget;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ConnectionBudgetTests {

	@Test
	void derivesOneConnectionPerConsumerThreadPlusOne() {
		ConnectionBudget budget = new ConnectionBudget(2, 6);
		assertThat(budget.consumerThreads()).isEqualTo(2);
		assertThat(budget.poolSize()).isEqualTo(3);
		assertThat(budget.idleThreads()).isZero();
	}

	@Test
	void keepsThePoolAtThreadsPlusOneWhateverTheExpressLaneThreads() {
		ConnectionBudget budget = new ConnectionBudget(2, 3, 12, 20);
		assertThat(budget.expressThreads()).isEqualTo(3);
		assertThat(budget.poolSize()).isEqualTo(3);
		assertThat(budget)
			.hasToString("2 consumer threads and 3 on the express lane, pool 3, 12 partitions, fleet budget 20");
	}

	@Test
	void refusesAnExpressLaneWithoutAThreadNamingItsSetting() {
		assertThatExceptionOfType(ConnectionBudgetException.class).isThrownBy(() -> new ConnectionBudget(2, 0, 6, 20))
			.withMessageContaining("sluice.worker.express-concurrency is 0");
	}

	@Test
	void refusesFewerThanOneConsumerThreadNamingTheConcurrencySetting() {
		assertThatExceptionOfType(ConnectionBudgetException.class).isThrownBy(() -> new ConnectionBudget(0, 6))
			.withMessageContaining("sluice.worker.concurrency is 0");
	}

	@Test
	void refusesAPoolSmallerThanThreadsPlusOneNamingThePoolSetting() {
		ConnectionBudget budget = new ConnectionBudget(4, 6);
		assertThatExceptionOfType(ConnectionBudgetException.class).isThrownBy(() -> budget.checkConfiguredPoolSize(4))
			.withMessageContaining("spring.datasource.hikari.maximum-pool-size is 4")
			.withMessageContaining("need 5 connections")
			.withMessageContaining("lower sluice.worker.concurrency to 3");
	}

	@Test
	void refusesAPoolLargerThanTheBudget() {
		ConnectionBudget budget = new ConnectionBudget(2, 6);
		assertThatExceptionOfType(ConnectionBudgetException.class).isThrownBy(() -> budget.checkConfiguredPoolSize(10))
			.withMessageContaining("spring.datasource.hikari.maximum-pool-size is 10")
			.withMessageContaining("raise sluice.worker.concurrency instead");
	}

	@Test
	void acceptsAPoolConfiguredToExactlyThreadsPlusOne() {
		assertThatNoException().isThrownBy(() -> new ConnectionBudget(3, 6).checkConfiguredPoolSize(4));
	}

	@Test
	void leasesTheFleetBudgetLessTwoConnectionsKeptForStartingWorkers() {
		ConnectionBudget budget = new ConnectionBudget(2, 1, 12, 15);
		assertThat(budget.fleetBudget()).isEqualTo(15);
		assertThat(budget.grantable()).isEqualTo(13);
	}

	@Test
	void refusesAFleetBudgetTooSmallForOneWorkerNamingItsSetting() {
		assertThatExceptionOfType(ConnectionBudgetException.class).isThrownBy(() -> new ConnectionBudget(2, 1, 12, 3))
			.withMessageContaining("sluice.db.connection-budget is 3")
			.withMessageContaining("SLUICE_DB_CONNECTION_BUDGET");
	}

	@Test
	void countsThreadsBeyondThePartitionsAsIdle() {
		assertThat(new ConnectionBudget(8, 6).idleThreads()).isEqualTo(2);
		assertThat(new ConnectionBudget(6, 6).idleThreads()).isZero();
	}

}
