package io.sluice.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresAddressTests {

	@Test
	void readsHostPortAndDatabase() {
		assertThat(PostgresAddress.of("jdbc:postgresql://127.0.0.1:41234/sluice"))
			.isEqualTo(new PostgresAddress("127.0.0.1", 41234, "sluice"));
	}

	@Test
	void defaultsThePortAndIgnoresParameters() {
		assertThat(PostgresAddress.of("jdbc:postgresql://db.example.com/photos?sslmode=require"))
			.isEqualTo(new PostgresAddress("db.example.com", 5432, "photos"));
	}

	@Test
	void refusesAnotherDatabase() {
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.of("jdbc:mysql://localhost/sluice"));
	}

}
