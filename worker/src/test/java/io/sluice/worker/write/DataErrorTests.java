package io.sluice.worker.write;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DataErrorTests {

	@Test
	void findsADataExceptionBehindSpringsWrapper() {
		UncategorizedSQLException wrapped = new UncategorizedSQLException("COPY", "COPY photo ...",
				new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

		assertThat(DataError.of(wrapped))
			.contains(new DataError("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"));
	}

	@Test
	void takesIntegrityViolationsOtherThanADuplicate() {
		assertThat(DataError.of(violation("23502"))).isPresent();
		assertThat(DataError.of(violation("23514"))).isPresent();
		assertThat(DataError.of(violation("23505"))).isEmpty();
	}

	@Test
	void leavesEveryOtherFailureToTheCaller() {
		assertThat(DataError.of(new SQLException("relation \"photo\" does not exist", "42P01"))).isEmpty();
		assertThat(DataError.of(new SQLException("connection lost", "08006"))).isEmpty();
		assertThat(DataError.of(new SQLException("no state"))).isEmpty();
		assertThat(DataError.of(new IllegalStateException("not from the database"))).isEmpty();
	}

	@Test
	void givesAReasonThatNamesTheSqlState() {
		assertThat(new DataError("22021", "bad bytes").reason()).isEqualTo("SQLState 22021: bad bytes");
	}

	private static DataIntegrityViolationException violation(String sqlState) {
		return new DataIntegrityViolationException("insert", new SQLException("violation", sqlState));
	}

}
