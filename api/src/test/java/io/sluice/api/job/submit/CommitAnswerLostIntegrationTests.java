package io.sluice.api.job.submit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import io.sluice.api.ChunkTopic;
import io.sluice.api.JobRequests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection breaks after PostgreSQL committed a new job but before its answer
 * arrived: the driver reports {@code 08006} although the row is there. Forced by a
 * wrapper around the API's pool whose connection commits for real and then throws, once.
 * The API must not leave that job {@code PENDING} and unpublished (a retry would be
 * answered with it, and nothing would ever queue it): it finds the row and publishes it.
 */
@Import(CommitAnswerLostIntegrationTests.LoseTheNextCommitsAnswer.class)
class CommitAnswerLostIntegrationTests extends ApiIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void publishesAJobWhoseCommitHappenedThoughItsAnswerWasLost() {
		JobRequests job = aJob().withPhotos(250);
		LoseTheNextCommitsAnswer.armed.set(true);

		Response response = api().postJob(api().tokenFor("lou"), job.toJson(), "Idempotency-Key",
				UUID.randomUUID().toString());

		assertThat(LoseTheNextCommitsAnswer.armed).as("a commit's answer was lost").isFalse();
		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		UUID id = UUID.fromString(response.json().get("id").asString());
		assertThat(response.json().get("status").asString()).isEqualTo("QUEUED");
		assertThat(this.jdbc.queryForList("SELECT id FROM import_job WHERE album_id = ?", UUID.class, job.albumId()))
			.containsExactly(id);
		ChunkTopic.awaitChunksOf(id, 3);
	}

	/**
	 * Wraps the pool so that, once armed, the next {@code commit()} commits and then
	 * fails as a broken socket would.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class LoseTheNextCommitsAnswer {

		static final AtomicBoolean armed = new AtomicBoolean();

		@Bean
		static BeanPostProcessor commitAnswersCanBeLost() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof DataSource pool) ? new DelegatingDataSource(pool) {

						@Override
						public Connection getConnection() throws SQLException {
							return answerMayBeLost(super.getConnection());
						}

					} : bean;
				}

			};
		}

		private static Connection answerMayBeLost(Connection connection) {
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						Object result;
						try {
							result = method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						if (method.getName().equals("commit") && armed.compareAndSet(true, false)) {
							throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
						}
						return result;
					});
		}

	}

}
