package io.sluice.api.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/jobs");

	@Test
	void answersATransactionThatCouldNotBeginForWantOfADatabaseWith503() {
		CannotCreateTransactionException refused = new CannotCreateTransactionException(
				"Could not open JDBC Connection for transaction",
				new SQLException("FATAL: sorry, too many clients already", "53300"));

		ResponseEntity<ProblemDetail> answer = this.handler.databaseFailed(refused, this.request);

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(answer.getBody().getType().toString()).isEqualTo("urn:sluice:problem:unavailable");
	}

	@Test
	void answersARollbackLostWithItsConnectionWith503() {
		TransactionSystemException lost = new TransactionSystemException("JDBC rollback failed",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));

		assertThat(this.handler.databaseFailed(lost, this.request).getStatusCode().value()).isEqualTo(503);
	}

	@Test
	void answersARollbackOnAClosedConnectionAfterALostOneWith503() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(new SQLException("An I/O error occurred", "08006"));

		assertThat(this.handler.databaseFailed(rollback, this.request).getStatusCode().value()).isEqualTo(503);
	}

	@Test
	void answersATransactionFailureThatIsNotTheDatabasesAvailabilityWith500() {
		TransactionSystemException broken = new TransactionSystemException("JDBC commit failed",
				new SQLException("ERROR: relation does not exist", "42P01"));

		assertThat(this.handler.databaseFailed(broken, this.request).getStatusCode().value()).isEqualTo(500);
	}

}
